namespace Portal.Domain.Debt;

/// <summary>What sort of shortcut a debt item is.</summary>
public enum DebtKind
{
    Code,
    Architecture,
    Infrastructure,
    Process,
    Documentation,
    Testing,
}
