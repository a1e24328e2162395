using Bunit;
using Portal.Domain.Reviews.Initiatives;
using Portal.Web.Components.Pages.Initiatives;

namespace Portal.Web.Tests.Components.Pages.Initiatives;

/// <summary>The burn-up chart: an image named and described in words, with the same numbers as a table.</summary>
public sealed class BurnUpChartTests : ComponentTest
{
    private static readonly DateOnly Start = new(2026, 10, 1);

    private IRenderedComponent<BurnUpChart> RenderChart(IReadOnlyList<BurnUpPoint> points) =>
        Render<BurnUpChart>(p => p
            .Add(x => x.Points, points)
            .Add(x => x.StartsOn, Start)
            .Add(x => x.DueOn, Start.AddDays(180))
            .Add(x => x.Total, 10)
            .Add(x => x.Subject, "Payments resilience"));

    private static List<BurnUpPoint> Days(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new BurnUpPoint(Start.AddDays(i), i / 20, 10, InitiativeBurnUp.Ideal(Start, Start.AddDays(180), Start.AddDays(i), 10)))];

    [Fact]
    public void Render_TenWeeks_DescribesTodayInWordsAndTablesOneRowAWeekPlusTheLatestDay()
    {
        var chart = RenderChart(Days(70));

        Assert.Equal("Burn-up of Payments resilience", chart.Find("svg title").TextContent);
        Assert.Equal(
            "From 2026-10-01 to the due date 2027-03-30. On 2026-12-09, 3 of 10 services in scope meet the target; the ideal line asks for 3 by then and all 10 by the due date.",
            chart.Find("svg desc").TextContent);
        var rows = chart.FindAll("[data-testid=burnup-table] tbody tr");
        Assert.Equal(11, rows.Count);
        Assert.StartsWith("2026-12-09", rows[^1].TextContent, StringComparison.Ordinal);
        Assert.Equal(2, chart.FindAll("svg[data-testid=burnup-chart] polyline").Count);
    }

    [Fact]
    public void Render_NotStartedYet_SaysWhenCountingStartsInsteadOfAnEmptyChart()
    {
        var chart = RenderChart([]);

        Assert.Contains("Counting starts on 2026-10-01", chart.Find("[data-testid=burnup-empty]").TextContent, StringComparison.Ordinal);
        Assert.Empty(chart.FindAll("svg"));
    }
}
