using Portal.Domain.Graph;
using Portal.Domain.Graph.Queries;

namespace Portal.Web.Components.Pages.Graph;

/// <summary>Finds the highlight the URL asks for (<c>?highlight=blast|cycle|chain|retry</c>) in a graph snapshot.</summary>
public static class GraphHighlights
{
    public const string None = "none";
    public const string Blast = "blast";

    /// <summary>Most impacted services a blast-radius highlight draws (about the readable limit of a picture).</summary>
    public const int MaxBlastDrawn = 300;
    public const string Cycle = "cycle";
    public const string Chain = "chain";
    public const string Retry = "retry";

    /// <summary>The choices, in the order the page offers them, with their labels.</summary>
    public static IReadOnlyList<(string Value, string Label)> Choices { get; } =
    [
        (None, "Nothing"),
        (Blast, "What breaks if the focused node goes down"),
        (Cycle, "A dependency cycle"),
        (Chain, "The longest synchronous chain"),
        (Retry, "The worst retry amplification"),
    ];

    /// <summary>
    /// The highlight of kind <paramref name="kind"/>: the blast radius of <paramref name="focus"/>; or the cycle,
    /// chain or retry path that starts at, else passes through, <paramref name="focus"/>, else the worst one of the
    /// catalog. Null for <see cref="None"/> and unknown kinds.
    /// </summary>
    public static GraphHighlight? Find(GraphSnapshot snapshot, string? kind, string? focus)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var graph = snapshot.Graph;
        var hasFocus = !string.IsNullOrWhiteSpace(focus) && graph.TryGetIndex(focus, out _);
        switch (kind?.ToLowerInvariant())
        {
            case Blast:
                if (!hasFocus)
                {
                    return Nothing(Blast, "Blast radius", "Pick a service to focus on to see what breaks when it goes down.");
                }

                // A deep service's radius can hold thousands: draw the nearest ones (with every call on their
                // paths), say how many there are, and leave the whole list to the service page and the API.
                var blast = GraphAnalysis.BlastRadius(graph, focus!, take: MaxBlastDrawn / 2);
                var impacted = blast.Direct.Take(MaxBlastDrawn / 2).Concat(blast.Transitive).ToList();
                var shown = impacted.Count < blast.Count ? $" (the nearest {impacted.Count:N0} drawn)" : "";
                var focusName = graph.Find(focus!)?.DisplayName ?? focus;
                return new GraphHighlight(
                    Blast,
                    $"What breaks if {focusName} goes down: {blast.Count:N0} service{(blast.Count == 1 ? "" : "s")}{shown}",
                    blast.Summary,
                    blast.Remedy,
                    [focus!, .. impacted.SelectMany(i => i.Path).Distinct(StringComparer.Ordinal).Where(r => r != focus)],
                    [.. impacted.SelectMany(i => Pairs(i.Path)).Distinct()]);

            case Cycle:
                var cycles = snapshot.Analysis.Cycles;
                var cycle = (hasFocus
                        ? cycles.FirstOrDefault(c => c.Services.Contains(focus!) || (c.Truncated && GraphAnalysis.InSameCycle(graph, c.Example[0], focus!)))
                        : null)
                    ?? cycles.FirstOrDefault();
                if (cycle is null)
                {
                    return Nothing(Cycle, "Dependency cycle", "No services call each other round in a circle.");
                }

                // A knot of thousands would pull them all into the picture: show one loop of it instead.
                var title = $"{(cycle.IsSynchronous ? "Synchronous cycle" : "Cycle")} of {cycle.ServiceCount:N0} services";
                return cycle.Truncated
                    ? new GraphHighlight(Cycle, title + $"; one loop of {cycle.Example.Count - 1} shown", cycle.Summary, cycle.Remedy, [.. cycle.Example.Distinct()], Pairs(cycle.Example))
                    : new GraphHighlight(Cycle, title, cycle.Summary, cycle.Remedy, cycle.Services, [.. cycle.Edges.Select(e => (e.From, e.To)).Distinct()]);

            case Chain:
                var chains = snapshot.Analysis.SyncChains;
                var chain = (hasFocus ? chains.FirstOrDefault(c => c.EntryPoint == focus) ?? chains.FirstOrDefault(c => c.Path.Contains(focus!)) : null)
                    ?? chains.FirstOrDefault();
                return chain is null
                    ? Nothing(Chain, "Synchronous chain", "No service waits on another that waits on a third.")
                    : new GraphHighlight(Chain, $"Synchronous chain of {chain.Depth} calls from {chain.EntryPoint}", chain.Summary, chain.Remedy, chain.Path, Pairs(chain.Path));

            case Retry:
                var paths = snapshot.Analysis.RetryAmplification;
                var path = (hasFocus ? paths.FirstOrDefault(p => p.Top == focus) ?? paths.FirstOrDefault(p => p.Path.Contains(focus!)) : null)
                    ?? paths.FirstOrDefault();
                return path is null
                    ? Nothing(Retry, "Retry amplification", "No path multiplies requests through retries.")
                    : new GraphHighlight(Retry, $"Retries multiply requests up to {path.Factor:0.#}× from {path.Top} to {path.Bottom}", path.Summary, path.Remedy, path.Path, Pairs(path.Path));

            default:
                return null;
        }
    }

    private static GraphHighlight Nothing(string kind, string title, string why) => new(kind, title, why, null, [], []);

    private static List<(string From, string To)> Pairs(IReadOnlyList<string> path) =>
        [.. path.Zip(path.Skip(1), (a, b) => (a, b))];
}
