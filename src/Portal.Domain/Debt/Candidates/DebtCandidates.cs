using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Portal.Domain.Catalog.Queries;
using Portal.Domain.Graph;
using Portal.Domain.Signals;

namespace Portal.Domain.Debt.Candidates;

/// <summary>
/// Turns graph findings (cycles, long synchronous chains, retry amplification, timeout inversions, shared databases,
/// single points of failure) and ownership-health findings into suggested debt items. Pure: the same findings give
/// the same candidates, with the same keys, in the same order.
/// </summary>
public static class DebtCandidates
{
    /// <summary>
    /// Synchronous chains shorter than this many calls are not suggested: the graph analysis calls them short enough
    /// for now, and a list of every entry point's chain would bury the long ones.
    /// </summary>
    public const int MinChainDepth = 4;

    /// <summary>
    /// Retry amplification is suggested only where at least this many layers of a path retry: one retrying layer is the
    /// advice, not the problem.
    /// </summary>
    public const int MinRetryingLayers = 2;

    /// <summary>Words for a finding's kind.</summary>
    public static string Label(DebtCandidateOrigin origin) => origin switch
    {
        DebtCandidateOrigin.Cycle => "Dependency cycle",
        DebtCandidateOrigin.SinglePointOfFailure => "Single point of failure",
        DebtCandidateOrigin.SyncChain => "Long synchronous chain",
        DebtCandidateOrigin.RetryAmplification => "Retry amplification",
        DebtCandidateOrigin.TimeoutInversion => "Timeout inversion",
        DebtCandidateOrigin.SharedResource => "Shared database",
        _ => "Ownership",
    };

    /// <summary>Every candidate, graph findings first (worst first within a kind), then ownership findings by tier.</summary>
    public static IReadOnlyList<DebtCandidate> From(DependencyGraph graph, GraphAnalysisResult analysis, IReadOnlyList<OwnershipFindingDto> ownership)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(ownership);
        var list = new List<DebtCandidate>();

        foreach (var c in analysis.Cycles)
        {
            var members = c.Services.Order(StringComparer.Ordinal).ToList();
            var named = string.Join(", ", members.Take(3).Select(m => Name(graph, m))) + (c.ServiceCount > 3 ? string.Create(CultureInfo.InvariantCulture, $" and {c.ServiceCount - 3:N0} more") : "");
            list.Add(Candidate(graph, "graph:cycle:" + Hash(string.Join(',', members)), DebtCandidateOrigin.Cycle,
                $"Break the {(c.IsSynchronous ? "synchronous " : "")}dependency cycle between {named}", c, c.Services,
                c.IsSynchronous ? ScalingSignal.CascadingFailures : ScalingSignal.Coordination, DebtKind.Architecture, "cycle", c.ServiceCount));
        }

        foreach (var s in analysis.SinglePointsOfFailure)
        {
            IReadOnlyList<string> affected = s.Kind == NodeKind.Service ? [s.Ref] : s.Dependents;
            list.Add(Candidate(graph, "graph:spof:" + s.Ref, DebtCandidateOrigin.SinglePointOfFailure,
                string.Create(CultureInfo.InvariantCulture, $"Remove the single point of failure {s.DisplayName} ({s.BlastRadius:N0} services fail with it)"),
                s, affected, ScalingSignal.CascadingFailures, s.Kind == NodeKind.Service ? DebtKind.Architecture : DebtKind.Infrastructure, "spof", s.BlastRadius));
        }

        foreach (var c in analysis.SyncChains.Where(c => c.Depth >= MinChainDepth))
        {
            list.Add(Candidate(graph, $"graph:chain:{c.EntryPoint}>{c.Path[^1]}", DebtCandidateOrigin.SyncChain,
                string.Create(CultureInfo.InvariantCulture, $"Shorten the chain of {c.Depth} synchronous calls from {Name(graph, c.EntryPoint)} to {Name(graph, c.Path[^1])}"),
                c, c.Path, ScalingSignal.CascadingFailures, DebtKind.Architecture, "chain", c.Depth));
        }

        foreach (var r in analysis.RetryAmplification.Where(r => r.Hops.Count(h => h.Retries > 0) >= MinRetryingLayers))
        {
            list.Add(Candidate(graph, $"graph:retry:{r.Top}>{r.Bottom}", DebtCandidateOrigin.RetryAmplification,
                string.Create(CultureInfo.InvariantCulture, $"Stop retries multiplying {r.Factor:#,0.#}× from {Name(graph, r.Top)} to {Name(graph, r.Bottom)}"),
                r, r.Path, ScalingSignal.CascadingFailures, DebtKind.Code, "retry", r.Factor));
        }

        foreach (var t in analysis.TimeoutInversions)
        {
            list.Add(Candidate(graph, $"graph:timeout:{t.Caller}>{t.Callee}", DebtCandidateOrigin.TimeoutInversion,
                $"Align the timeouts of {Name(graph, t.Caller)} and {Name(graph, t.Callee)}: the caller gives up before the callee can answer",
                t, [t.Caller, t.Callee], ScalingSignal.CascadingFailures, DebtKind.Code, "timeout", t.CalleeBudgetMs / Math.Max(1.0, t.CallerTimeoutMs)));
        }

        foreach (var r in analysis.SharedResources)
        {
            list.Add(Candidate(graph, "graph:shared:" + r.Resource, DebtCandidateOrigin.SharedResource,
                string.Create(CultureInfo.InvariantCulture, $"Give {r.DisplayName} one owner: {r.UserCount:N0} services use it{(r.MultipleWriters ? string.Create(CultureInfo.InvariantCulture, $", {r.Writers:N0} write to it") : "")}"),
                r, [.. r.Users.Select(u => u.Ref)], ScalingSignal.DataModel, DebtKind.Architecture, "shared", r.UserCount, r.OwnerTeam));
        }

        foreach (var o in ownership.OrderBy(o => o.SubjectKind == "service" ? o.Tier : 9).ThenBy(o => o.Subject, StringComparer.Ordinal))
        {
            var service = o.SubjectKind == "service";
            IReadOnlyList<string> teams = service ? Owners(graph, [o.Subject], null) : [o.Subject];
            IReadOnlyList<string> subjects = service ? [o.Subject] : [];
            var names = Names(graph, subjects);
            names.TryAdd(o.Subject, o.SubjectDisplayName);
            list.Add(new DebtCandidate(
                $"ownership:{o.Kind}:{o.Subject}", DebtCandidateOrigin.Ownership, Trim($"{o.SubjectDisplayName}: {Lower(o.Problem)}"), o.Problem, o.Fix,
                subjects,
                teams,
                ScalingSignal.TeamTopology, DebtKind.Process, "/ownership", service ? 6 - o.Tier : 1)
            {
                DisplayNames = names,
            });
        }

        return list;
    }

    private static DebtCandidate Candidate(DependencyGraph graph, string key, DebtCandidateOrigin origin, string title, IGraphFinding finding,
        IReadOnlyList<string> refs, ScalingSignal signal, DebtKind kind, string wire, double weight, string? extraTeam = null)
    {
        // Only services can carry debt items; resources on a path are named in the summary instead.
        var services = refs.Where(r => graph.Find(r) is { Kind: NodeKind.Service }).Distinct(StringComparer.Ordinal).Take(DebtItem.MaxServices).ToList();
        var teams = Owners(graph, services, extraTeam);
        return new DebtCandidate(Key(key), origin, Trim(title), finding.Summary, finding.Remedy, services, teams, signal, kind,
            "/graph/analysis?kind=" + wire, weight)
        {
            DisplayNames = Names(graph, services),
        };
    }

    /// <summary>Services' display names from the graph (it knows teams by reference only).</summary>
    private static Dictionary<string, string> Names(DependencyGraph graph, IEnumerable<string> services)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in services)
        {
            if (graph.Find(s) is { } node && !string.IsNullOrWhiteSpace(node.DisplayName))
            {
                names.TryAdd(s, node.DisplayName);
            }
        }

        return names;
    }

    /// <summary>A node's display name (a resource's ref has a <c>resource:</c> prefix nobody wants to read in a title).</summary>
    private static string Name(DependencyGraph graph, string reference) => graph.Find(reference)?.DisplayName ?? reference;

    private static List<string> Owners(DependencyGraph graph, IEnumerable<string> services, string? extra) =>
        [.. services.Select(s => graph.Find(s)?.OwnerTeam).Append(extra).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Keys are bounded: a long one keeps its start and gets a hash of the whole, so it stays unique and stable.</summary>
    private static string Key(string key) =>
        key.Length <= DebtCandidateDismissal.MaxKeyLength ? key : key[..(DebtCandidateDismissal.MaxKeyLength - 17)] + "#" + Hash(key);

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    private static string Trim(string title) => title.Length <= DebtItem.MaxTitleLength ? title : title[..(DebtItem.MaxTitleLength - 1)] + "…";

    private static string Lower(string sentence) =>
        sentence.Length > 1 && char.IsUpper(sentence[0]) && !char.IsUpper(sentence[1]) ? char.ToLowerInvariant(sentence[0]) + sentence[1..] : sentence;
}
