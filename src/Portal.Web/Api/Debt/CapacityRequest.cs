namespace Portal.Web.Api.Debt;

/// <summary>The body of <c>PUT /api/v1/teams/{name}/capacity?quarter=</c>.</summary>
/// <param name="People">People on the team; fractions for part-time people.</param>
/// <param name="WorkingDays">Working days each person has in the quarter; the quarter's weekdays when left out.</param>
/// <param name="DebtSharePercent">Percentage of capacity reserved for debt; 20 when left out.</param>
/// <param name="Mode"><c>every-sprint</c> (default) or <c>dedicated-sprint</c>.</param>
/// <param name="Version">The version read from GET; leave out when the quarter has no figures of its own yet.</param>
public sealed record CapacityRequest(double? People, int? WorkingDays, double? DebtSharePercent, string? Mode, int? Version);
