namespace Portal.Domain.Debt.Commands;

/// <summary>A bulk status change: the status, and what it needs (a quarter for Planned; a reason and a date for Won't fix).</summary>
public sealed record DebtStatusChange(DebtStatus Status, string? TargetQuarter = null, string? WontFixReason = null, DateOnly? RevisitOn = null);
