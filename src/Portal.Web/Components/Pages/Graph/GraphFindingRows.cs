using System.Globalization;
using Portal.Domain.Graph;
using Portal.Domain.Graph.Queries;
using Portal.Web.Components.Shared;

namespace Portal.Web.Components.Pages.Graph;

/// <summary>Flattens a snapshot's analysis into rows for one table.</summary>
public static class GraphFindingRows
{
    /// <summary>Members of a cycle named in the "About" column; the rest are counted.</summary>
    public const int MaxSubjects = 8;

    /// <summary>The name a kind has in the URL (<c>?kind=cycle</c>).</summary>
    public static string Wire(GraphFindingKind kind) => kind switch
    {
        GraphFindingKind.Cycle => "cycle",
        GraphFindingKind.SinglePointOfFailure => "spof",
        GraphFindingKind.SyncChain => "chain",
        GraphFindingKind.RetryAmplification => "retry",
        GraphFindingKind.TimeoutInversion => "timeout",
        GraphFindingKind.SharedResource => "shared",
        _ => "coupling",
    };

    public static GraphFindingKind? ParseWire(string? text) =>
        Enum.GetValues<GraphFindingKind>().Cast<GraphFindingKind?>().FirstOrDefault(k => string.Equals(Wire(k!.Value), text, StringComparison.OrdinalIgnoreCase));

    public static string Label(GraphFindingKind kind) => kind switch
    {
        GraphFindingKind.Cycle => "Cycle",
        GraphFindingKind.SinglePointOfFailure => "Single point of failure",
        GraphFindingKind.SyncChain => "Long synchronous chain",
        GraphFindingKind.RetryAmplification => "Retry amplification",
        GraphFindingKind.TimeoutInversion => "Timeout inversion",
        GraphFindingKind.SharedResource => "Shared resource",
        _ => "Cross-team coupling",
    };

    public static IReadOnlyList<GraphFindingRow> Build(GraphSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var graph = snapshot.Graph;
        var a = snapshot.Analysis;
        var rows = new List<GraphFindingRow>();
        // The subject names where to look; the summary already spells out the whole path.
        Add(GraphFindingKind.Cycle, a.Cycles, c => Members(c.Services, c.ServiceCount), c => GraphLinks.Graph(c.Services[0], GraphHighlights.Cycle, 1));
        Add(GraphFindingKind.SinglePointOfFailure, a.SinglePointsOfFailure, s => [Node(s.Ref)], s => GraphLinks.Graph(s.Ref, GraphHighlights.Blast, 1));
        Add(GraphFindingKind.SyncChain, a.SyncChains, c => [Node(c.EntryPoint), Node(c.Path[^1])], c => GraphLinks.Graph(c.EntryPoint, GraphHighlights.Chain, 1));
        Add(GraphFindingKind.RetryAmplification, a.RetryAmplification, r => [Node(r.Top), Node(r.Bottom)], r => GraphLinks.Graph(r.Top, GraphHighlights.Retry, 1));
        Add(GraphFindingKind.TimeoutInversion, a.TimeoutInversions, t => [Node(t.Caller), Node(t.Callee)], t => GraphLinks.Graph(t.Callee, depth: 1));
        Add(GraphFindingKind.SharedResource, a.SharedResources, r => [Node(r.Resource)], r => GraphLinks.Graph(r.Resource, GraphHighlights.Blast, 1));
        // A team whose calls all stay at home is listed by the analysis for completeness, but is not a finding.
        Add(GraphFindingKind.CrossTeamCoupling, a.CrossTeamCoupling.Where(t => t.CrossTeamEdges > 0).ToList(), t => [Team(t.Team)], t => t.Team == GraphAnalysis.Unowned ? GraphLinks.Graph() : GraphLinks.Graph(team: t.Team));
        return rows;

        void Add<T>(GraphFindingKind kind, IReadOnlyList<T> findings, Func<T, IReadOnlyList<FindingSubject>> subjects, Func<T, string> link)
            where T : IGraphFinding
        {
            for (var i = 0; i < findings.Count; i++)
            {
                var f = findings[i];
                rows.Add(new GraphFindingRow(kind, i + 1, subjects(f), f.Summary, f.Remedy, link(f)));
            }
        }

        FindingSubject Node(string nodeRef)
        {
            var node = graph.Find(nodeRef);
            return node is { Kind: NodeKind.Service }
                ? new FindingSubject(nodeRef, PortalLinks.Service(nodeRef))
                : new FindingSubject(node?.DisplayName ?? nodeRef, null);
        }

        // A knot of thousands names a few members and says how many more there are.
        List<FindingSubject> Members(IReadOnlyList<string> refs, int total)
        {
            var shown = refs.Take(MaxSubjects).Select(Node).ToList();
            if (total > shown.Count)
            {
                shown.Add(new FindingSubject(string.Create(CultureInfo.InvariantCulture, $"and {total - shown.Count:N0} more"), null));
            }

            return shown;
        }
    }

    private static FindingSubject Team(string team) =>
        team == GraphAnalysis.Unowned ? new FindingSubject("services without an owner", null) : new FindingSubject(team, PortalLinks.Team(team));

    /// <summary>"3 cycles", "1 single point of failure": for chips.</summary>
    public static string Count(GraphFindingKind kind, int count) =>
        string.Create(CultureInfo.InvariantCulture, $"{Label(kind)} ({count})");
}
