namespace Portal.Domain.Reviews.Comparison;

/// <summary>Two sides compared: totals, per signal, per team, the services that changed, and the earlier review's action items.</summary>
/// <param name="From">The earlier side's label.</param>
/// <param name="To">The later side's label.</param>
/// <param name="FromAt">When the earlier side's data was read.</param>
/// <param name="ToAt">When the later side's data was read.</param>
/// <param name="FrameworkChanged">The sides were evaluated under different framework versions (criteria may differ).</param>
/// <param name="Totals">The whole in numbers.</param>
/// <param name="Signals">Every signal, in order.</param>
/// <param name="Teams">Every team on either side, most regressed first.</param>
/// <param name="Services">Services that changed: regressions first, then mixed, added, improved, removed.</param>
/// <param name="ActionItems">The earlier review's action items and their outcome.</param>
public sealed record ComparisonResult(
    string From,
    string To,
    DateTime FromAt,
    DateTime ToAt,
    bool FrameworkChanged,
    ComparisonTotals Totals,
    IReadOnlyList<SignalChange> Signals,
    IReadOnlyList<TeamChange> Teams,
    IReadOnlyList<ServiceChange> Services,
    IReadOnlyList<ActionItemResult> ActionItems);
