namespace Portal.Domain.Debt.Commands;

/// <summary>A report of pain as someone types it: the day, the hours lost, what happened, an incident reference.</summary>
public sealed record NewDebtReport(DateOnly OccurredOn, double Hours, string? Note, string? Incident);
