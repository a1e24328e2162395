namespace Portal.Domain.Reviews.Comparison;

/// <summary>The comparison in a few numbers.</summary>
public sealed record ComparisonTotals(
    int ServicesBefore,
    int ServicesAfter,
    int Improved,
    int Regressed,
    int Mixed,
    int Unchanged,
    int Added,
    int Removed,
    int NewGaps,
    int ClosedGaps,
    int ActionsDone,
    int ActionsMissed,
    int ActionsOpen,
    int ActionsDropped);
