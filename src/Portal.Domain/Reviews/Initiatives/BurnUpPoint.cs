namespace Portal.Domain.Reviews.Initiatives;

/// <summary>One day of an initiative's burn-up.</summary>
/// <param name="Day">The day.</param>
/// <param name="Met">Services in scope at or above the target level on the signal that day.</param>
/// <param name="InScope">Services counted that day (a service enters on its first recorded level; never-assessed services count from the start).</param>
/// <param name="Ideal">Where a straight line from none at the start to today's total at the due date stands that day.</param>
public sealed record BurnUpPoint(DateOnly Day, int Met, int InScope, double Ideal);
