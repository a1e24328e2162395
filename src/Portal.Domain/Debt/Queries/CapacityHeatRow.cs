namespace Portal.Domain.Debt.Queries;

/// <summary>One row of the cost-of-delay heat map: a team (or no owner) and its open debt per signal.</summary>
/// <param name="Team">The team's reference; null for items without an owner team.</param>
/// <param name="TeamName">What to show: the team's display name, or "No owner team".</param>
/// <param name="Cells">Hours per quarter for each signal, in <see cref="CapacityOverview.Signals"/> order.</param>
/// <param name="Total">The row's sum.</param>
public sealed record CapacityHeatRow(string? Team, string TeamName, IReadOnlyList<double> Cells, double Total);
