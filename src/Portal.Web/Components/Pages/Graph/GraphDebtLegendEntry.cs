using Portal.Domain.Debt;

namespace Portal.Web.Components.Pages.Graph;

/// <summary>A line of the "open debt risk" legend: the band, its hours, how it is drawn, and how many services of the picture are in it.</summary>
/// <param name="Band">The band.</param>
/// <param name="Stroke">Outline colour.</param>
/// <param name="Fill">Fill colour.</param>
/// <param name="Outline">How the outline is drawn, so the band does not rest on colour alone: <c>solid</c>, <c>dotted</c>, <c>dashed</c> or <c>double</c>.</param>
/// <param name="Services">Services of the picture in the band.</param>
public sealed record GraphDebtLegendEntry(DebtRiskBand Band, string Stroke, string Fill, string Outline, int Services)
{
    /// <summary>"High", "Medium", …</summary>
    public string Label => DebtRiskBands.Label(Band);

    /// <summary>"200 h or more per quarter", …</summary>
    public string Range => DebtRiskBands.Range(Band);
}
