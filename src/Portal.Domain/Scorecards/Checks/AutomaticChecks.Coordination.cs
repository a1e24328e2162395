using Portal.Domain.Catalog;

namespace Portal.Domain.Scorecards.Checks;

public static partial class AutomaticChecks
{
    /// <summary>The deepest chain of calls the service waits on is at most <c>maxHops</c> long.</summary>
    public static AutomaticCheck SyncChainDepth { get; } = Check(
        "sync-chain-depth",
        "The longest chain of calls the service waits on (synchronous calls and shared databases), counted in hops, is at most maxHops.",
        c =>
        {
            if (c.Node < 0)
            {
                return NotInGraph(c);
            }

            var max = (int)c.Param("maxHops");
            var depth = c.Graph.ChainDepth(c.Node);
            if (depth == 0)
            {
                return CheckOutcome.Pass("Waits on no other service or database.", c.Service.CatalogAsOf);
            }

            var path = c.Graph.Path(c.Graph.ChainEdges(c.Node));
            return depth <= max
                ? CheckOutcome.Pass(Invariant($"Deepest chain it waits on is {Plural(depth, "hop", "hops")} (limit {max}): {path}."), c.Service.CatalogAsOf)
                : CheckOutcome.Fail(Invariant($"Deepest chain it waits on is {Plural(depth, "hop", "hops")}, more than {max}: {path}."), c.Service.CatalogAsOf);
        },
        new() { ["maxHops"] = 3 });

    /// <summary>The service is in no loop of synchronous calls.</summary>
    public static AutomaticCheck NoSyncCycle { get; } = Check(
        "no-sync-cycle",
        "The service is not part of a loop of synchronous calls (services that end up waiting on themselves).",
        c =>
        {
            if (c.Node < 0)
            {
                return NotInGraph(c);
            }

            var knot = c.Graph.KnotOf(c.Node);
            if (knot.Count == 0)
            {
                return CheckOutcome.Pass("In no loop of synchronous calls.", c.Service.CatalogAsOf);
            }

            if (knot.Count == 1)
            {
                return CheckOutcome.Fail($"{c.Service.Ref} calls itself synchronously.", c.Service.CatalogAsOf);
            }

            // Sorted once per knot by the graph: a knot of 10,000 services must not sort 10,000 names for each of them.
            var (first, others) = c.Graph.KnotOthers(c.Node, NamesShown);
            return CheckOutcome.Fail(
                $"In a loop of {Plural(knot.Count, "service", "services")} that wait on each other synchronously, with {FirstNames(first, others)}.",
                c.Service.CatalogAsOf);
        });

    /// <summary>The service calls at most <c>maxServices</c> services synchronously.</summary>
    public static AutomaticCheck SyncFanOut { get; } = Check(
        "sync-fan-out",
        "The service waits on at most maxServices other services directly; each one more is another way for a request to stall.",
        c =>
        {
            if (c.Node < 0)
            {
                return NotInGraph(c);
            }

            var g = c.Graph.Graph;
            var callees = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var e in g.OutgoingEdges(c.Node))
            {
                var edge = g.Edges[e];
                if (edge.Kind.IsSynchronous() && g.IsService(edge.To) && edge.To != c.Node)
                {
                    callees.Add(g.Nodes[edge.To].Ref);
                }
            }

            var max = (int)c.Param("maxServices");
            return callees.Count <= max
                ? CheckOutcome.Pass(Invariant($"Waits on {Plural(callees.Count, "service", "services")} directly (limit {max}){(callees.Count > 0 ? ": " + Names(callees) : "")}."), c.Service.CatalogAsOf)
                : CheckOutcome.Fail(Invariant($"Waits on {callees.Count:N0} services directly, more than {max}: {Names(callees)}."), c.Service.CatalogAsOf);
        },
        new() { ["maxServices"] = 5 });
}
