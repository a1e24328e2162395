namespace Portal.Domain.Scorecards.Queries;

/// <summary>An answer that stops counting soon (or already did); <see cref="Flagged"/> when automatic evidence contradicts it.</summary>
public sealed record ExpiringAnswerDto(string Service, string ServiceDisplayName, string Criterion, string CriterionTitle, DateTime ExpiresAt, bool Expired, bool Flagged = false);
