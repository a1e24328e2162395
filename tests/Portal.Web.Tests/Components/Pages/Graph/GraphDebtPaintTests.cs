using Portal.Domain.Debt.Queries;
using Portal.Web.Components.Pages.Graph;

namespace Portal.Web.Tests.Components.Pages.Graph;

public sealed class GraphDebtPaintTests
{
    private static GraphPicture Picture(params GraphPictureNode[] nodes) => new(nodes, [], null, [], [], 0);

    private static GraphPictureNode Service(string id) => new(id, id, "service", "team", 2, 1, "#000000", "#ffffff");

    private static ServiceDebtCost Cost(string id, int items, double hours) => new(Guid.NewGuid(), id, items, hours, items > 0 ? 1 : null, null);

    [Fact]
    public void Paint_ServicesWithAndWithoutDebt_BandsOutlinesAndBadges()
    {
        var picture = Picture(Service("a"), Service("b"), Service("c"), Service("d"), new GraphPictureNode("resource:db", "db", "resource", null, 3, 1, "#000000", "#ffffff"));
        var costs = new Dictionary<string, ServiceDebtCost> { ["a"] = Cost("a", 2, 1_240), ["b"] = Cost("b", 1, 55.4), ["c"] = Cost("c", 1, 7.5) };

        var painted = GraphDebtPaint.Paint(picture, costs);

        Assert.Equal(["high", "medium", "low", "none", null], painted.Nodes.Select(n => n.Band));
        Assert.Equal(["debt high: 1,240 h/qtr", "debt medium: 55 h/qtr", "debt low: 7.5 h/qtr", null, null], painted.Nodes.Select(n => n.Badge));
        Assert.Equal(4, painted.Nodes.Select(n => n.Fill).Take(4).Distinct().Count());
    }

    [Fact]
    public void Legend_PaintedPicture_CountsServicesPerBandWorstFirst()
    {
        var costs = new Dictionary<string, ServiceDebtCost> { ["a"] = Cost("a", 2, 900), ["b"] = Cost("b", 1, 300) };
        var painted = GraphDebtPaint.Paint(Picture(Service("a"), Service("b"), Service("c")), costs);

        var legend = GraphDebtPaint.Legend(painted);

        Assert.Equal([(Portal.Domain.Debt.DebtRiskBand.High, 2), (Portal.Domain.Debt.DebtRiskBand.Medium, 0), (Portal.Domain.Debt.DebtRiskBand.Low, 0), (Portal.Domain.Debt.DebtRiskBand.None, 1)],
            legend.Select(l => (l.Band, l.Services)));
        Assert.Equal(["double", "dashed", "dotted", "solid"], legend.Select(l => l.Outline));
    }
}
