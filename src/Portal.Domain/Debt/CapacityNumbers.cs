namespace Portal.Domain.Debt;

/// <summary>
/// One team's debt capacity for one quarter, in engineer-days, as <see cref="CapacityPlanner.Plan"/> computes it.
/// </summary>
/// <param name="CapacityDays">People × working days; 0 when not set.</param>
/// <param name="BudgetDays">The share of <paramref name="CapacityDays"/> reserved for debt.</param>
/// <param name="PlannedDays">Effort of the items planned for the quarter (any status but Won't fix).</param>
/// <param name="PlannedItems">How many items that is.</param>
/// <param name="DoneDays">Effort of the items finished in the quarter, whatever quarter they were planned for.</param>
/// <param name="DoneItems">How many items that is.</param>
/// <param name="GapDays">Budget minus planned: positive is room left, negative is over the reservation.</param>
/// <param name="PlannedPercent">Planned effort as a percentage of capacity; null when capacity is 0.</param>
/// <param name="Standing">Under, on target or over the reservation; not set without capacity figures.</param>
/// <param name="UnaddressedCostOfDelay">Hours per quarter of open items neither planned for this quarter nor in progress.</param>
/// <param name="UnaddressedItems">How many items that is.</param>
public sealed record CapacityNumbers(
    double CapacityDays,
    double BudgetDays,
    double PlannedDays,
    int PlannedItems,
    double DoneDays,
    int DoneItems,
    double GapDays,
    double? PlannedPercent,
    CapacityStanding Standing,
    double UnaddressedCostOfDelay,
    int UnaddressedItems);
