using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Security;
using Portal.Web.Components.Pages.Graph;

namespace Portal.Web.Tests.Components.Pages.Graph;

public sealed class GraphAnalysisPageTests : ComponentTest
{
    /// <summary>Seeding the demo and analysing its graph takes a while when the whole suite runs in parallel.</summary>
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        SignIn("someone", PortalRole.Viewer);
    }

    [Fact]
    public async Task GraphAnalysisPage_Demo_ListsTheCycleWithALinkToTheGraph()
    {
        await SeedDemoAsync();
        var page = Render<GraphAnalysisPage>();

        // The loop may be told from any of its members (node order follows the database's), so look for all three.
        page.WaitForAssertion(() => Assert.Contains("is a synchronous cycle", page.Find("[data-testid=graph-findings]").TextContent, StringComparison.Ordinal), Wait);
        var cycleRow = page.FindAll("[data-testid=graph-findings] tbody tr").First(r => r.TextContent.Contains("is a synchronous cycle", StringComparison.Ordinal));
        Assert.Contains("customers → subscriptions", cycleRow.TextContent, StringComparison.Ordinal);
        Assert.Contains("subscriptions → invoices", cycleRow.TextContent, StringComparison.Ordinal);
        foreach (var member in new[] { "customers", "subscriptions", "invoices" })
        {
            Assert.Contains(cycleRow.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/catalog/" + member);
        }

        var link = cycleRow.QuerySelector("[data-testid=show-on-graph]")!.GetAttribute("href")!;
        Assert.Matches("^/graph\\?focus=(customers|subscriptions|invoices)&depth=1&highlight=cycle$", link);
    }

    [Fact]
    public async Task GraphAnalysisPage_KindInTheAddress_ShowsOnlyThatKind()
    {
        await SeedDemoAsync();
        Services.GetRequiredService<NavigationManager>().NavigateTo("/graph/analysis?kind=spof");
        var page = Render<GraphAnalysisPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=graph-findings] tbody tr")), Wait);
        Assert.All(page.FindAll("[data-testid=graph-findings] tbody tr"), r => Assert.Contains("Single point of failure", r.TextContent, StringComparison.Ordinal));
        Assert.Contains(page.FindAll("[data-testid=graph-findings] tbody tr"), r => r.TextContent.Contains("payments", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GraphAnalysisPage_TextFilter_NarrowsTheRows()
    {
        await SeedDemoAsync();
        var page = Render<GraphAnalysisPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=graph-findings] tbody tr")), Wait);
        var before = page.FindAll("[data-testid=graph-findings] tbody tr").Count;

        page.Find("input[data-testid=finding-filter]").Input("fx-rates");

        page.WaitForAssertion(() =>
        {
            var rows = page.FindAll("[data-testid=graph-findings] tbody tr");
            Assert.InRange(rows.Count, 1, before - 1);
            Assert.All(rows, r => Assert.Contains("fx-rates", r.TextContent, StringComparison.OrdinalIgnoreCase));
        }, Wait);
    }

    [Fact]
    public void GraphAnalysisPage_EmptyCatalog_SaysThereIsNothingToAnalyse()
    {
        var page = Render<GraphAnalysisPage>();
        page.WaitForAssertion(() => Assert.Contains("No dependencies are recorded yet", page.Find("[data-testid=empty-state]").TextContent, StringComparison.Ordinal), Wait);
    }
}
