namespace Portal.Domain.Debt.Queries;

/// <summary>A dismissed candidate: what it was, why it was dismissed, by whom and when.</summary>
public sealed record DebtCandidateDismissalDto(string Key, string Title, string Reason, string DismissedBy, string DismissedByDisplayName, DateTime DismissedAt);
