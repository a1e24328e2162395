using Portal.Domain.Catalog;

namespace Portal.Domain.Scorecards.Checks;

public static partial class AutomaticChecks
{
    /// <summary>Open debt on the service costs less than <c>maxHours</c> per quarter.</summary>
    public static AutomaticCheck DebtCostOfDelay { get; } = Check(
        "debt-cost-of-delay",
        "The open tech debt recorded against the service costs at most maxHours hours of delay per quarter (from the tech-debt register).",
        c =>
        {
            if (c.Service.OpenDebtCostOfDelayHours is not { } hours)
            {
                return CheckOutcome.Unknown("The tech-debt register is not available, so the cost of open debt is unknown.");
            }

            // The data is as old as the register's last scoring, not "now": an unchanged register is an unchanged result.
            var max = c.Param("maxHours");
            var asOf = c.Service.DebtAsOf ?? c.Service.CatalogAsOf;
            return hours <= max
                ? CheckOutcome.Pass(Invariant($"Open debt costs {hours:N0} hours of delay per quarter (limit {max:N0})."), asOf)
                : CheckOutcome.Fail(Invariant($"Open debt costs {hours:N0} hours of delay per quarter, more than {max:N0}."), asOf);
        },
        new() { ["maxHours"] = 80 });

    /// <summary>The service depends on no deprecated service.</summary>
    public static AutomaticCheck NoDeprecatedDependencies { get; } = Check(
        "no-deprecated-dependencies",
        "The service calls no service whose lifecycle is deprecated: a temporary bridge that became a dependency.",
        c =>
        {
            if (c.Node < 0)
            {
                return NotInGraph(c);
            }

            var g = c.Graph.Graph;
            var deprecated = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var w in g.Callees(c.Node))
            {
                if (w != c.Node && g.IsService(w) && c.Graph.LifecycleOf(w) == Lifecycle.Deprecated)
                {
                    deprecated.Add(g.Nodes[w].Ref);
                }
            }

            return deprecated.Count == 0
                ? CheckOutcome.Pass("Calls no deprecated service.", c.Service.CatalogAsOf)
                : CheckOutcome.Fail($"Still calls deprecated {Names(deprecated)}.", c.Service.CatalogAsOf);
        });
}
