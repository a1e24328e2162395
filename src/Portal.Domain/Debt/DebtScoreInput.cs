namespace Portal.Domain.Debt;

/// <summary>Everything <see cref="DebtScoring"/> needs about one item: plain data, no database.</summary>
/// <param name="Likelihood">1–5.</param>
/// <param name="Impact">1–5.</param>
/// <param name="EffortDays">Engineer-days, more than zero.</param>
/// <param name="InterestOverride">Hours per month set by a person; null to use the reports.</param>
/// <param name="ReportedHours">Hours in reports of pain within the report window (the last 90 days).</param>
/// <param name="ReportCount">How many reports those hours came from.</param>
/// <param name="Services">The affected services with their tiers; may be empty.</param>
/// <param name="Blast">The blast radius from the dependency graph; null when there is no graph to ask.</param>
/// <param name="PayBackBy">The pay-back-by date, if any.</param>
public sealed record DebtScoreInput(
    int Likelihood,
    int Impact,
    double EffortDays,
    double? InterestOverride,
    double ReportedHours,
    int ReportCount,
    IReadOnlyList<AffectedService> Services,
    BlastRadiusCount? Blast,
    DateOnly? PayBackBy);
