using Portal.Domain.Catalog;

namespace Portal.Domain.Scorecards.Checks;

public static partial class AutomaticChecks
{
    /// <summary>Every synchronous call the service makes declares a timeout.</summary>
    public static AutomaticCheck SyncTimeouts { get; } = Check(
        "sync-timeouts",
        "Every synchronous call the service makes to another service declares a timeout (calls of undeclared kind count as synchronous).",
        c =>
        {
            if (c.Node < 0)
            {
                return NotInGraph(c);
            }

            var calls = SyncCalls(c);
            var missing = calls.Where(e => c.Graph.Graph.Edges[e].TimeoutMs is null).Select(c.Graph.Hop).ToList();
            if (calls.Count == 0)
            {
                return CheckOutcome.Pass("Makes no synchronous calls to other services.", c.Service.CatalogAsOf);
            }

            return missing.Count == 0
                ? CheckOutcome.Pass(Invariant($"All {Plural(calls.Count, "synchronous call declares", "synchronous calls declare")} a timeout."), c.Service.CatalogAsOf)
                : CheckOutcome.Fail(Invariant($"{missing.Count:N0} of {calls.Count:N0} synchronous calls declare no timeout: {Names(missing)}."), c.Service.CatalogAsOf);
        });

    /// <summary>Retries are few, back off, and do not multiply into a storm below the service.</summary>
    public static AutomaticCheck BoundedRetries { get; } = Check(
        "bounded-retries",
        "Every synchronous call retries at most maxRetries times and backs off, and one request to the service becomes at most maxAmplification requests at the bottom of its call paths.",
        c =>
        {
            if (c.Node < 0)
            {
                return NotInGraph(c);
            }

            var g = c.Graph.Graph;
            var maxRetries = (int)c.Param("maxRetries");
            var maxFactor = c.Param("maxAmplification");
            var problems = new List<string>();
            var tooMany = new List<string>();
            var noBackoff = new List<string>();
            foreach (var e in SyncCalls(c))
            {
                var edge = g.Edges[e];
                if (edge.Retries > maxRetries)
                {
                    tooMany.Add(Invariant($"{c.Graph.Hop(e)} ({edge.Retries} retries)"));
                }
                else if (edge.Retries > 0 && edge.Backoff != true)
                {
                    noBackoff.Add(c.Graph.Hop(e));
                }
            }

            if (tooMany.Count > 0)
            {
                problems.Add(Invariant($"more than {maxRetries} retries on {Names(tooMany)}"));
            }

            if (noBackoff.Count > 0)
            {
                problems.Add($"retries without backoff on {Names(noBackoff)}");
            }

            var factor = c.Graph.Amplification(c.Node);
            var path = c.Graph.AmplificationEdges(c.Node);
            var amplification = factor > 1 ? Invariant($"one request can become {factor:N0} at {g.Nodes[g.Edges[path[^1]].To].Ref} ({c.Graph.Path(path)})") : "";
            if (factor > maxFactor)
            {
                problems.Add(Invariant($"{amplification}, more than {maxFactor:N0}"));
            }

            if (problems.Count > 0)
            {
                return CheckOutcome.Fail(char.ToUpperInvariant(problems[0][0]) + string.Join("; ", problems)[1..] + ".", c.Service.CatalogAsOf);
            }

            return CheckOutcome.Pass(
                factor > 1 ? Invariant($"Retries are bounded and back off; {amplification}, within {maxFactor:N0}.") : "Retries are bounded and back off; no retry multiplies below it.",
                c.Service.CatalogAsOf);
        },
        new() { ["maxRetries"] = 3, ["maxAmplification"] = 10 });

    /// <summary>Every synchronous call has a circuit breaker or a fallback.</summary>
    public static AutomaticCheck BreakerOrFallback { get; } = Check(
        "breaker-or-fallback",
        "Every synchronous call the service makes has a circuit breaker or a fallback, so a failing dependency is not hammered and does not take the caller down.",
        c =>
        {
            if (c.Node < 0)
            {
                return NotInGraph(c);
            }

            var calls = SyncCalls(c);
            var g = c.Graph.Graph;
            var bare = calls.Where(e => g.Edges[e].CircuitBreaker != true && g.Edges[e].Fallback != true).Select(c.Graph.Hop).ToList();
            if (calls.Count == 0)
            {
                return CheckOutcome.Pass("Makes no synchronous calls to other services.", c.Service.CatalogAsOf);
            }

            return bare.Count == 0
                ? CheckOutcome.Pass(Invariant($"All {Plural(calls.Count, "synchronous call has", "synchronous calls have")} a circuit breaker or a fallback."), c.Service.CatalogAsOf)
                : CheckOutcome.Fail(Invariant($"{bare.Count:N0} of {calls.Count:N0} synchronous calls have neither a circuit breaker nor a fallback: {Names(bare)}."), c.Service.CatalogAsOf);
        });

    /// <summary>The service never gives up on a callee before the callee may give up below it.</summary>
    public static AutomaticCheck TimeoutsNest { get; } = Check(
        "timeouts-nest",
        "For every synchronous call with a timeout, the callee's own slowest downstream call (timeout × attempts) fits inside it.",
        c =>
        {
            if (c.Node < 0)
            {
                return NotInGraph(c);
            }

            var g = c.Graph.Graph;
            var inverted = new List<string>();
            var timed = 0;
            foreach (var e in SyncCalls(c))
            {
                var edge = g.Edges[e];
                if (edge.TimeoutMs is not { } t)
                {
                    continue;
                }

                timed++;
                var (budget, downstream) = c.Graph.Budget(edge.To);
                if (budget > t)
                {
                    inverted.Add(Invariant($"{c.Graph.Hop(e)} waits {t:N0} ms but {g.Nodes[edge.To].Ref} may spend {budget:N0} ms on {c.Graph.Hop(downstream)}"));
                }
            }

            if (timed == 0)
            {
                return CheckOutcome.Unknown("No synchronous call with a declared timeout to compare.", c.Service.CatalogAsOf);
            }

            return inverted.Count == 0
                ? CheckOutcome.Pass(Invariant($"The {Plural(timed, "timed call fits", "timed calls fit")} the callee's own downstream budget."), c.Service.CatalogAsOf)
                : CheckOutcome.Fail(string.Join("; ", inverted.Take(3)) + (inverted.Count > 3 ? Invariant($"; and {inverted.Count - 3} more.") : "."), c.Service.CatalogAsOf);
        });

    /// <summary>Edges from the service to other services that it waits on, by edge id.</summary>
    private static List<int> SyncCalls(CheckContext c)
    {
        var g = c.Graph.Graph;
        var calls = new List<int>();
        foreach (var e in g.OutgoingEdges(c.Node))
        {
            var edge = g.Edges[e];
            if (edge.Kind.IsSynchronous() && g.IsService(edge.To) && edge.To != c.Node)
            {
                calls.Add(e);
            }
        }

        return calls;
    }
}
