namespace Portal.Domain.Debt.Commands;

/// <summary>An open item with the same title already affects one of the same services; saving again with "create anyway" goes ahead.</summary>
public sealed class DuplicateDebtException(IReadOnlyList<DebtItemRef> duplicates)
    : Exception($"An item with this title already affects the same service: {string.Join(", ", duplicates.Select(d => d.Title))}.")
{
    public IReadOnlyList<DebtItemRef> Duplicates { get; } = duplicates;
}
