using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Catalog.Queries;
using Portal.Domain.Security;
using Portal.Web.Components.Pages.Graph;

namespace Portal.Web.Tests.Components.Pages.Graph;

public sealed class GraphPageTests : ComponentTest
{
    /// <summary>Seeding the demo and analysing its graph takes a while when the whole suite runs in parallel.</summary>
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        SignIn("someone", PortalRole.Viewer);
    }

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    [Fact]
    public async Task GraphPage_DemoFocus_RendersControlsAndDrawsThroughTheModule()
    {
        await SeedDemoAsync();
        var module = JSInterop.SetupModule("./js/graph.js");
        Navigation.NavigateTo("/graph?focus=payments&depth=2");
        var page = Render<GraphPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=graph-canvas]")), Wait);
        Assert.NotNull(page.Find("[data-testid=graph-focus]"));
        Assert.NotNull(page.Find("[data-testid=graph-depth]"));
        Assert.NotNull(page.Find("[data-testid=graph-team]"));
        Assert.NotNull(page.Find("[data-testid=graph-highlight]"));
        Assert.Contains("/graph/analysis", page.Find("[data-testid=graph-analysis-link]").GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains("within 2 hops of Payments,", page.Find("[data-testid=graph-summary]").TextContent, StringComparison.Ordinal);

        page.WaitForAssertion(() => module.VerifyInvoke("render"), Wait);
        JSInterop.VerifyInvoke("import");
        var picture = Assert.IsType<GraphPicture>(module.Invocations["render"].Single().Arguments[1]);
        Assert.Contains(picture.Nodes, n => n.Id == "payments");
        Assert.Equal("payments", picture.Focus);
        Assert.Contains(page.FindAll("[data-testid=graph-node]"), n => n.TextContent.Contains("Ledger", StringComparison.Ordinal));
        Assert.Contains(page.FindAll("[data-testid=legend-team]"), n => n.TextContent.Contains("payments-core", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GraphPage_BlastHighlight_AddsTheFarCallersAndSummarises()
    {
        await SeedDemoAsync();
        var module = JSInterop.SetupModule("./js/graph.js");
        Navigation.NavigateTo("/graph?focus=payments&depth=1&highlight=blast");
        var page = Render<GraphPage>();

        page.WaitForAssertion(() => module.VerifyInvoke("render"), Wait);
        var picture = Assert.IsType<GraphPicture>(module.Invocations["render"].Single().Arguments[1]);
        Assert.Contains("pay-portal", picture.Highlight);
        Assert.Contains(picture.Nodes, n => n.Id == "pay-portal");
        Assert.True(picture.AddedForHighlight > 0);
        Assert.Contains("What breaks if Payments goes down", page.Find("[data-testid=graph-highlight-summary]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GraphPage_ServiceNodeClicked_OpensItsPage()
    {
        await SeedDemoAsync();
        Navigation.NavigateTo("/graph?focus=payments");
        var page = Render<GraphPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=graph-canvas]")), Wait);

        await page.InvokeAsync(() => page.Instance.OnNodeClicked("ledger"));

        Assert.EndsWith("/catalog/ledger", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GraphPage_UnknownFocus_SaysSo()
    {
        await SeedDemoAsync();
        Navigation.NavigateTo("/graph?focus=ghost");
        var page = Render<GraphPage>();
        page.WaitForAssertion(() => Assert.Contains("'ghost' is not in the dependency graph", page.Find("[data-testid=empty-state]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Empty(page.FindAll("[data-testid=graph-canvas]"));
    }

    [Fact]
    public async Task GraphPage_FocusBox_SuggestsServiceRefs()
    {
        await SeedDemoAsync();
        var suggestions = await Services.GetRequiredService<CatalogQueries>().SuggestAsync(SuggestionKind.Service, "pay", 20, Xunit.TestContext.Current.CancellationToken);

        Assert.Contains("payments", suggestions);
        Assert.Contains("pay-portal", suggestions);
        Assert.DoesNotContain("payments-core", suggestions);
    }

    [Fact]
    public void GraphPage_NoDependencies_ShowsAnEmptyState()
    {
        var page = Render<GraphPage>();
        page.WaitForAssertion(() => Assert.Contains("No dependencies recorded yet", page.Find("[data-testid=empty-state]").TextContent, StringComparison.Ordinal), Wait);
        JSInterop.VerifyNotInvoke("import");
    }
}
