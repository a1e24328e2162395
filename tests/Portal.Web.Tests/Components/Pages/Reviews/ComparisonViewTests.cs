using Bunit;
using Portal.Domain.Reviews.Comparison;
using Portal.Domain.Scorecards.Queries;
using Portal.Domain.Signals;
using Portal.Web.Components.Pages.Reviews;

namespace Portal.Web.Tests.Components.Pages.Reviews;

/// <summary>
/// A comparison's per-team table is a plain semantic table (caption, header cells with scope); on paper it lists the
/// teams where something changed and counts the rest, on screen it lists every team.
/// </summary>
public sealed class ComparisonViewTests : ComponentTest
{
    private static readonly LevelDistribution Two = new(1, 1, 0, 0);

    private static TeamChange Team(string name, int improved = 0, LevelDistribution? after = null) =>
        new(name.ToLowerInvariant(), name, Two, after ?? Two, improved, 0, 0, 0, new int[ScalingSignals.All.Count]);

    private static readonly ComparisonResult Result = new(
        "2026-Q3", "2026-Q4", new DateTime(2026, 9, 30, 12, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 20, 12, 0, 0, DateTimeKind.Utc), false,
        new ComparisonTotals(4, 4, 1, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0),
        [],
        [Team("Payments", improved: 1), Team("Search"), Team("Ledger", after: new LevelDistribution(0, 2, 0, 0)), Team("Mobile")],
        [],
        []);

    private IRenderedComponent<ComparisonView> RenderView(bool print) => Render<ComparisonView>(p => p.Add(x => x.Result, Result).Add(x => x.Print, print));

    [Fact]
    public void Print_TeamsWithNothingToReport_CountedNotListed()
    {
        var view = RenderView(print: true);

        var rows = view.FindAll("[data-testid=compare-teams] table.portal-table tbody tr");
        Assert.Equal(["Payments", "Ledger"], rows.Select(r => r.QuerySelector("th[scope=row]")!.TextContent));
        Assert.Contains("Teams where something changed", view.Find("[data-testid=compare-teams] caption").TextContent, StringComparison.Ordinal);
        Assert.Equal(7, view.FindAll("[data-testid=compare-teams] thead th[scope=col]").Count);
        Assert.Contains("The other 2 teams: nothing changed", view.Find("[data-testid=compare-teams-unchanged]").TextContent, StringComparison.Ordinal);
        Assert.Empty(view.FindAll("[data-testid=compare-teams] .mud-simple-table"));
    }

    [Fact]
    public void Screen_EveryTeamListed()
    {
        var view = RenderView(print: false);

        Assert.Equal(4, view.FindAll("[data-testid=compare-teams] table.portal-table tbody tr").Count);
        Assert.Empty(view.FindAll("[data-testid=compare-teams-unchanged]"));
    }
}
