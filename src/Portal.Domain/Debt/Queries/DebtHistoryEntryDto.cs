namespace Portal.Domain.Debt.Queries;

/// <summary>One line of an item's history: who did what, when, and which fields changed from what to what.</summary>
public sealed record DebtHistoryEntryDto(long Id, DateTime At, string Actor, string ActorDisplayName, string Action, bool Succeeded, IReadOnlyList<DebtFieldChange> Changes, string? CorrelationId);
