namespace Portal.Domain.Debt.Commands;

/// <summary>What a bulk change did: the items changed, and the ones left alone with why.</summary>
public sealed record DebtBulkResult(IReadOnlyList<DebtItemRef> Changed, IReadOnlyList<(DebtItemRef Item, string Reason)> Refused);
