using Portal.Domain.Graph;
using Portal.Domain.Reviews.Snapshots;

namespace Portal.Domain.Reviews;

/// <summary>
/// The dependency-graph findings that matter to a review: cycles, long synchronous chains and shared databases
/// that touch a service in scope. The analysis lists at most a few dozen members inside one finding, so a
/// knot of thousands is matched on the members it lists. Pure.
/// </summary>
public static class ScopeFindings
{
    /// <summary>Findings of each kind kept in full (the counts cover all of them).</summary>
    public const int MaxPerKind = 10;

    /// <summary>Services named per finding.</summary>
    public const int MaxServices = 12;

    public const string Cycle = "cycle";
    public const string SyncChain = "sync-chain";
    public const string SharedDatabase = "shared-database";

    public static SnapshotGraph Touching(GraphAnalysisResult analysis, Func<string, bool> inScope)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(inScope);
        var cycles = analysis.Cycles.Select(c => (Finding: (IGraphFinding)c, Services: c.Services.Where(inScope).ToList())).Where(x => x.Services.Count > 0).ToList();
        var chains = analysis.SyncChains.Select(c => (Finding: (IGraphFinding)c, Services: c.Path.Where(inScope).Distinct(StringComparer.Ordinal).ToList())).Where(x => x.Services.Count > 0).ToList();
        var shared = analysis.SharedResources.Select(r => (Finding: (IGraphFinding)r, Services: r.Users.Select(u => u.Ref).Where(inScope).ToList())).Where(x => x.Services.Count > 0).ToList();
        var findings = new List<SnapshotGraphFinding>();
        Add(findings, Cycle, cycles);
        Add(findings, SyncChain, chains);
        Add(findings, SharedDatabase, shared);
        return new SnapshotGraph(cycles.Count, chains.Count, shared.Count, findings);
    }

    private static void Add(List<SnapshotGraphFinding> into, string kind, List<(IGraphFinding Finding, List<string> Services)> found) =>
        into.AddRange(found.Take(MaxPerKind).Select(f => new SnapshotGraphFinding(kind, f.Finding.Summary, f.Finding.Remedy, [.. f.Services.Take(MaxServices)])));
}
