namespace Portal.Domain.Scorecards;

/// <summary>A result pushed by another system (CI, a scanner) for an external criterion.</summary>
/// <param name="CriterionKey">The criterion it answers.</param>
/// <param name="Status">Pass, fail or unknown as reported.</param>
/// <param name="Evidence">What the other system says it saw.</param>
/// <param name="ReportedAt">When it was pushed (UTC).</param>
/// <param name="Source">Who pushed it (the API token's name).</param>
public sealed record ExternalResult(string CriterionKey, CriterionStatus Status, string Evidence, DateTime ReportedAt, string Source);
