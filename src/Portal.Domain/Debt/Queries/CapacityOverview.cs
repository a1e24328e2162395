using Portal.Domain.Signals;

namespace Portal.Domain.Debt.Queries;

/// <summary>The organisation's debt capacity for a quarter: every team ranked, and the cost-of-delay heat map.</summary>
/// <param name="Quarter">The quarter, as <c>2027-Q1</c>.</param>
/// <param name="Teams">Teams with figures or debt, highest unaddressed cost of delay first.</param>
/// <param name="Signals">The heat map's columns.</param>
/// <param name="HeatMap">The heat map's rows, highest total first.</param>
/// <param name="HeatMax">The largest cell, for shading.</param>
public sealed record CapacityOverview(
    string Quarter, IReadOnlyList<TeamCapacityPlan> Teams, IReadOnlyList<ScalingSignal> Signals, IReadOnlyList<CapacityHeatRow> HeatMap, double HeatMax);
