using System.Globalization;

namespace Portal.Benchmarks;

/// <summary>One target checked against a measurement; <see cref="Pass"/> is null when it was not measured.</summary>
internal sealed record TargetCheck(Provider Provider, string What, string Target, string Measured, bool? Pass)
{
    public string Verdict => Pass switch
    {
        true => "PASS",
        false => "FAIL",
        null => "not measured",
    };
}

/// <summary>
/// The catalog's performance targets from the product issue, and the Backstage numbers they are meant to beat
/// by an order of magnitude.
/// </summary>
internal static class Targets
{
    public const int Small = 1_000;
    public const int Large = 10_000;
    public const double FirstPageP95Ms = 10;
    public const double SearchP95Ms = 15;
    public const double MaxGrowth = 1.5;

    /// <summary>Backstage's catalog backend on the same machine with the same catalog (from the product issue).</summary>
    public static class Backstage
    {
        public const double FirstPageP50Ms = 165;
        public const double FirstPageP95Ms = 175;
        public const double SortByNameP50Ms = 200;
        public const double FullTextP95LowMs = 9;
        public const double FullTextP95HighMs = 11;
        public const double FirstPageP95At1kMs = 13;
    }

    public static IReadOnlyList<TargetCheck> Evaluate(IReadOnlyList<RunResult> results, IEnumerable<Provider> providers)
    {
        var checks = new List<TargetCheck>();
        foreach (var provider in providers)
        {
            var small = Find(results, provider, Small);
            var large = Find(results, provider, Large);
            checks.Add(Latency(provider, large, CatalogReadWorkload.FirstPage, "first page p95 at 10k", FirstPageP95Ms));
            checks.Add(Latency(provider, large, CatalogReadWorkload.Search, "`q=` search p95 at 10k", SearchP95Ms));
            checks.Add(Growth(provider, small, large, CatalogReadWorkload.FirstPage, "first page p95, 10k ÷ 1k"));
            checks.Add(Growth(provider, small, large, CatalogReadWorkload.Search, "`q=` search p95, 10k ÷ 1k"));
        }

        return checks;
    }

    public static ScenarioResult? Scenario(RunResult? run, string name) => run?.Scenarios.FirstOrDefault(s => s.Name == name);

    public static RunResult? Find(IReadOnlyList<RunResult> results, Provider provider, int size) =>
        results.FirstOrDefault(r => r.Workload == "read" && r.Provider == provider && r.Size == size);

    private static TargetCheck Latency(Provider provider, RunResult? run, string scenario, string what, double limitMs)
    {
        var target = $"≤ {limitMs:0} ms";
        return Scenario(run, scenario) is { } s
            ? new TargetCheck(provider, what, target, Ms(s.Stats.P95), s.Stats.P95 <= limitMs)
            : new TargetCheck(provider, what, target, "—", null);
    }

    private static TargetCheck Growth(Provider provider, RunResult? small, RunResult? large, string scenario, string what)
    {
        var target = $"≤ {MaxGrowth:0.0}×";
        return (Scenario(small, scenario), Scenario(large, scenario)) is ({ } s, { } l)
            ? new TargetCheck(provider, what, target, $"{Ratio(l.Stats.P95, s.Stats.P95):0.00}× ({Ms(l.Stats.P95)} ÷ {Ms(s.Stats.P95)})", Ratio(l.Stats.P95, s.Stats.P95) <= MaxGrowth)
            : new TargetCheck(provider, what, target, "—", null);
    }

    public static double Ratio(double a, double b) => b <= 0 ? double.PositiveInfinity : a / b;

    public static string Ms(double ms) => ms.ToString(ms < 100 ? "0.00" : "0", CultureInfo.InvariantCulture) + " ms";

    public static string Num(double ms) => ms.ToString(ms < 100 ? "0.00" : "0", CultureInfo.InvariantCulture);

    public static string ProviderName(Provider provider) => provider == Provider.Postgres ? "PostgreSQL" : "SQLite";

    public static string SizeLabel(int size) => size % 1000 == 0 ? $"{size / 1000}k" : size.ToString(CultureInfo.InvariantCulture);
}
