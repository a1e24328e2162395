namespace Portal.Domain.Debt;

/// <summary>
/// How much a service's open debt costs while it waits, in four steps (see <see cref="DebtRiskBands"/>): the dependency
/// graph colours services by it, and every place that shows a band also shows its hours.
/// </summary>
public enum DebtRiskBand
{
    /// <summary>No open debt item names the service.</summary>
    None,

    /// <summary>Under <see cref="DebtRiskBands.MediumFromHours"/> hours of cost of delay per quarter.</summary>
    Low,

    /// <summary>From <see cref="DebtRiskBands.MediumFromHours"/> to under <see cref="DebtRiskBands.HighFromHours"/> hours per quarter.</summary>
    Medium,

    /// <summary><see cref="DebtRiskBands.HighFromHours"/> hours per quarter or more.</summary>
    High,
}
