namespace Portal.Domain.Scorecards.Queries;

/// <summary>
/// A self-assessed answer as pages and the API show it; <see cref="Flagged"/> when automatic evidence contradicts it
/// (<see cref="FlagReason"/> says how), so the flag travels wherever the answer does.
/// </summary>
public sealed record AnswerDto(
    string Criterion, int Maturity, string Note, string? EvidenceUrl, string AnsweredBy, DateTime AnsweredAt, DateTime ExpiresAt, bool Expired, int Version,
    bool Flagged = false, string? FlagReason = null);
