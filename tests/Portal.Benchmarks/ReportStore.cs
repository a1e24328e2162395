using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Benchmarks;

/// <summary>
/// Keeps every run's raw results as JSON under artifacts/benchmarks/ (not committed), so the doc can be
/// regenerated — e.g. after the harness's wording changes — without measuring again.
/// </summary>
internal static class ReportStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // "Not measured" is NaN; the default options refuse to write it.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals | JsonNumberHandling.AllowReadingFromString,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Save(string repoRoot, BenchReport report)
    {
        var dir = Path.Combine(repoRoot, "artifacts", "benchmarks");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"results-{report.StartedUtc:yyyyMMdd-HHmmss}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(report, Json));
        return path;
    }

    /// <summary>Every saved run, oldest first; files that cannot be read are skipped with a warning.</summary>
    public static IReadOnlyList<BenchReport> LoadAll(string repoRoot)
    {
        var dir = Path.Combine(repoRoot, "artifacts", "benchmarks");
        var reports = new List<BenchReport>();
        foreach (var file in Directory.Exists(dir) ? [.. Directory.GetFiles(dir, "results-*.json").Order(StringComparer.Ordinal)] : Array.Empty<string>())
        {
            try
            {
                reports.Add(Load(file));
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException)
            {
                Console.Error.WriteLine($"Skipping {file}: {ex.Message}");
            }
        }

        return reports;
    }

    public static BenchReport Load(string path) =>
        JsonSerializer.Deserialize<BenchReport>(File.ReadAllText(path), Json)
        ?? throw new InvalidOperationException($"{path} holds no results.");
}
