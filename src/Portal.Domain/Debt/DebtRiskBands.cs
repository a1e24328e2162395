using System.Globalization;

namespace Portal.Domain.Debt;

/// <summary>
/// Puts a service's open debt (Σ cost of delay of its open items, hours per quarter) into a <see cref="DebtRiskBand"/>.
/// The steps are fixed hours, not shares of the catalog, so a band means the same on every page and in every
/// company: under a working week per quarter is low, from a week to five weeks medium, five working weeks or more high.
/// Documented in <c>docs/risk-scoring.md</c>.
/// </summary>
public static class DebtRiskBands
{
    /// <summary>Hours per quarter from which open debt is <see cref="DebtRiskBand.Medium"/>: one working week.</summary>
    public const double MediumFromHours = 40;

    /// <summary>Hours per quarter from which open debt is <see cref="DebtRiskBand.High"/>: five working weeks.</summary>
    public const double HighFromHours = 200;

    /// <summary>The band of <paramref name="openItems"/> open items costing <paramref name="costOfDelayHours"/> hours per quarter.</summary>
    public static DebtRiskBand Of(int openItems, double costOfDelayHours) =>
        openItems <= 0 ? DebtRiskBand.None
        : costOfDelayHours >= HighFromHours ? DebtRiskBand.High
        : costOfDelayHours >= MediumFromHours ? DebtRiskBand.Medium
        : DebtRiskBand.Low;

    /// <summary>The band in words, for legends and lists: "High".</summary>
    public static string Label(DebtRiskBand band) => band switch
    {
        DebtRiskBand.High => "High",
        DebtRiskBand.Medium => "Medium",
        DebtRiskBand.Low => "Low",
        _ => "None",
    };

    /// <summary>What the band covers, in hours per quarter: "200 h or more".</summary>
    public static string Range(DebtRiskBand band) => band switch
    {
        DebtRiskBand.High => string.Create(CultureInfo.InvariantCulture, $"{HighFromHours:0} h or more per quarter"),
        DebtRiskBand.Medium => string.Create(CultureInfo.InvariantCulture, $"{MediumFromHours:0} to {HighFromHours:0} h per quarter"),
        DebtRiskBand.Low => string.Create(CultureInfo.InvariantCulture, $"under {MediumFromHours:0} h per quarter"),
        _ => "no open debt logged",
    };
}
