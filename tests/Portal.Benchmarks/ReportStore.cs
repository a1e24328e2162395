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

    public static BenchReport Load(string path) =>
        JsonSerializer.Deserialize<BenchReport>(File.ReadAllText(path), Json)
        ?? throw new InvalidOperationException($"{path} holds no results.");
}
