namespace Portal.Domain.Debt;

/// <summary>A debt item named in a message: its id, title and status.</summary>
public sealed record DebtItemRef(Guid Id, string Title, DebtStatus Status);
