namespace Portal.Domain.Debt.Queries;

/// <summary>
/// A service's open technical debt in one number: the cost of delay, in hours per quarter, summed over every open item
/// (not Done, not Won't fix) that names the service among its affected services. An item that affects several services
/// counts in full for each of them: its cost falls on every one.
/// </summary>
/// <param name="ServiceId">The service's id.</param>
/// <param name="Service">The service's reference (<c>payments</c>, <c>ops/payments</c>).</param>
/// <param name="OpenItems">How many open items affect it; 0 when none (then the cost is 0).</param>
/// <param name="CostOfDelayHours">Σ cost of delay of those items, hours per quarter.</param>
/// <param name="HighestPriority">The best priority among them (hours saved per engineer-day); null when none.</param>
/// <param name="ScoredAt">When the scores were last brought up to date (UTC); null when no score was ever computed.</param>
public sealed record ServiceDebtCost(Guid ServiceId, string Service, int OpenItems, double CostOfDelayHours, double? HighestPriority, DateTime? ScoredAt);
