using System.Globalization;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Queries;

namespace Portal.Web.Components.Pages.Graph;

/// <summary>
/// Colours a picture's services by their open debt's cost of delay (<see cref="DebtRiskBands"/>) instead of by owner
/// team. A band never rests on colour alone: each has its own outline (none solid, low dotted, medium dashed, high
/// double) and every service with open debt carries its hours as a second line of its label.
/// </summary>
public static class GraphDebtPaint
{
    /// <summary>The bands, worst first, as the legend lists them and <c>graph.js</c> draws them.</summary>
    private static readonly (DebtRiskBand Band, string Stroke, string Fill, string Outline)[] Styles =
    [
        (DebtRiskBand.High, "#a40e26", "#ffcecb", "double"),
        (DebtRiskBand.Medium, "#bc4c00", "#ffd8b5", "dashed"),
        (DebtRiskBand.Low, "#7d4e00", "#fff8c5", "dotted"),
        (DebtRiskBand.None, "#6e7781", "#f6f8fa", "solid"),
    ];

    /// <summary>Resources carry no debt of their own: drawn plain, out of the legend.</summary>
    private const string ResourceStroke = "#8c959f";
    private const string ResourceFill = "#ffffff";

    /// <summary>
    /// The picture with each service painted by its band and given its hours; <paramref name="costs"/> holds the open
    /// debt of the picture's services by reference (a service missing from it has none).
    /// </summary>
    public static GraphPicture Paint(GraphPicture picture, IReadOnlyDictionary<string, ServiceDebtCost> costs)
    {
        ArgumentNullException.ThrowIfNull(picture);
        ArgumentNullException.ThrowIfNull(costs);
        var nodes = picture.Nodes.Select(n =>
        {
            if (n.Kind != "service")
            {
                return n with { Color = ResourceStroke, Fill = ResourceFill };
            }

            var cost = costs.GetValueOrDefault(n.Id);
            var band = BandOf(cost);
            var style = Styles.First(s => s.Band == band);
            return n with
            {
                Color = style.Stroke,
                Fill = style.Fill,
                Band = band.ToString().ToLowerInvariant(),
                Badge = band == DebtRiskBand.None ? null : $"debt {DebtRiskBands.Label(band).ToLowerInvariant()}: {Hours(cost!.CostOfDelayHours)}/qtr",
            };
        }).ToList();
        return picture with { Nodes = nodes };
    }

    /// <summary>The band of a service's open debt; <see cref="DebtRiskBand.None"/> when it has none.</summary>
    public static DebtRiskBand BandOf(ServiceDebtCost? cost) => cost is null ? DebtRiskBand.None : DebtRiskBands.Of(cost.OpenItems, cost.CostOfDelayHours);

    /// <summary>The legend for a painted picture: every band, worst first, with how many of its services are in it.</summary>
    public static IReadOnlyList<GraphDebtLegendEntry> Legend(GraphPicture picture)
    {
        ArgumentNullException.ThrowIfNull(picture);
        var counts = picture.Nodes.Where(n => n.Kind == "service").GroupBy(n => n.Band ?? "none").ToDictionary(g => g.Key, g => g.Count());
        return [.. Styles.Select(s => new GraphDebtLegendEntry(s.Band, s.Stroke, s.Fill, s.Outline, counts.GetValueOrDefault(s.Band.ToString().ToLowerInvariant())))];
    }

    /// <summary>Hours, whole from 10 up: "1,240 h", "7.5 h".</summary>
    public static string Hours(double hours) => hours.ToString(hours >= 10 ? "N0" : "0.#", CultureInfo.InvariantCulture) + " h";
}
