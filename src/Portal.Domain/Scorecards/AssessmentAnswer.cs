namespace Portal.Domain.Scorecards;

/// <summary>A team's current answer to a self-assessed criterion, as the evaluator sees it.</summary>
/// <param name="CriterionKey">The criterion answered.</param>
/// <param name="Maturity">0 (not at all) to 4 (fully, and proven).</param>
/// <param name="Note">Why this answer: required.</param>
/// <param name="EvidenceUrl">Where to see it, optional.</param>
/// <param name="AnsweredBy">Who answered (display name).</param>
/// <param name="AnsweredAt">When (UTC).</param>
/// <param name="ExpiresAt">When it stops counting unless re-attested (UTC).</param>
public sealed record AssessmentAnswer(
    string CriterionKey,
    int Maturity,
    string Note,
    string? EvidenceUrl,
    string AnsweredBy,
    DateTime AnsweredAt,
    DateTime ExpiresAt)
{
    public const int MinMaturity = 0;
    public const int MaxMaturity = 4;

    public bool IsExpiredAt(DateTime nowUtc) => nowUtc >= ExpiresAt;
}
