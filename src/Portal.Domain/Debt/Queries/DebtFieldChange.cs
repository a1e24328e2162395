namespace Portal.Domain.Debt.Queries;

/// <summary>A field that changed, with its value before and after (as text; null when empty).</summary>
public sealed record DebtFieldChange(string Field, string? Before, string? After);
