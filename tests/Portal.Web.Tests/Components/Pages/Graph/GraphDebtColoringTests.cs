using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Debt.Queries;
using Portal.Domain.Security;
using Portal.Web.Components.Pages.Graph;

namespace Portal.Web.Tests.Components.Pages.Graph;

/// <summary>The dependency graph coloured by open debt risk (<c>?color=debt</c>): picture, legend and keyboard list agree.</summary>
public sealed class GraphDebtColoringTests : ComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        SignIn("someone", PortalRole.Viewer);

        // The whole demo company, its debt included.
        await Services.GetRequiredService<Portal.Ingest.Demo.DemoSeeder>().SeedAsync(Xunit.TestContext.Current.CancellationToken);
    }

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    [Fact]
    public async Task GraphPage_ColorDebt_PaintsEveryServiceByItsBandWithItsHours()
    {
        var module = JSInterop.SetupModule("./js/graph.js");
        Navigation.NavigateTo("/graph?focus=payments&color=debt");
        var page = Render<GraphPage>();

        page.WaitForAssertion(() => module.VerifyInvoke("render"), Wait);
        var picture = Assert.IsType<GraphPicture>(module.Invocations["render"].Single().Arguments[1]);
        var services = picture.Nodes.Where(n => n.Kind == "service").ToList();
        var costs = await Services.GetRequiredService<DebtQueries>().OpenCostOfDelayAsync(services.Select(n => n.Id), Xunit.TestContext.Current.CancellationToken);
        Assert.All(services, n => Assert.Equal(GraphDebtPaint.BandOf(costs.GetValueOrDefault(n.Id)).ToString().ToLowerInvariant(), n.Band));
        var payments = services.Single(n => n.Id == "payments");
        Assert.NotEqual("none", payments.Band);
        Assert.Equal($"debt {payments.Band}: {GraphDebtPaint.Hours(costs["payments"].CostOfDelayHours)}/qtr", payments.Badge);
        Assert.All(services.Where(n => n.Band == "none"), n => Assert.Null(n.Badge));
    }

    [Fact]
    public void GraphPage_ColorDebt_LegendCountsEveryBandAndTheListSaysEachServicesDebtInWords()
    {
        JSInterop.SetupModule("./js/graph.js");
        Navigation.NavigateTo("/graph?focus=payments&color=debt");
        var page = Render<GraphPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=graph-debt-band]")), Wait);
        var bands = page.FindAll("[data-testid=graph-debt-band]");
        Assert.Equal(["high", "medium", "low", "none"], bands.Select(b => b.GetAttribute("data-band")));
        Assert.Contains("200 h or more per quarter", bands[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("double outline", bands[0].TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=legend-team]"));
        var figures = page.FindAll("[data-testid=graph-node-debt]");
        Assert.Equal(page.FindAll("[data-testid=graph-node]").Count, figures.Count);
        var counted = bands.ToDictionary(b => b.GetAttribute("data-band")!, b => figures.Count(f => f.GetAttribute("data-band") == b.GetAttribute("data-band")));
        Assert.All(bands, b => Assert.Contains($"· {counted[b.GetAttribute("data-band")!]} service", b.TextContent, StringComparison.Ordinal));
        var payments = page.FindAll("[data-testid=graph-node]").Single(n => n.QuerySelector("a")!.GetAttribute("href") == "/catalog/payments");
        var figure = payments.QuerySelector("[data-testid=graph-node-debt]")!;
        Assert.Equal("/debt?service=payments", figure.GetAttribute("href"));
        Assert.Matches(@"debt (high|medium|low): [\d,.]+ h per quarter, \d+ items?", figure.TextContent.Trim());
    }

    [Fact]
    public void GraphPage_ColorDebt_LinksWithinThePageKeepTheColouring()
    {
        JSInterop.SetupModule("./js/graph.js");
        Navigation.NavigateTo("/graph?focus=payments&color=debt");
        var page = Render<GraphPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=graph-node-focus]")), Wait);
        Assert.All(page.FindAll("[data-testid=graph-node-focus]"), a => Assert.EndsWith("color=debt", a.GetAttribute("href"), StringComparison.Ordinal));
        Assert.All(page.FindAll("[data-testid=graph-node-blast]"), a => Assert.EndsWith("color=debt", a.GetAttribute("href"), StringComparison.Ordinal));
    }

    [Fact]
    public void GraphPage_WithoutColor_KeepsTeamColoursAndNoDebtFigures()
    {
        var module = JSInterop.SetupModule("./js/graph.js");
        Navigation.NavigateTo("/graph?focus=payments");
        var page = Render<GraphPage>();

        page.WaitForAssertion(() => module.VerifyInvoke("render"), Wait);
        var picture = Assert.IsType<GraphPicture>(module.Invocations["render"].Single().Arguments[1]);
        Assert.All(picture.Nodes, n => Assert.Null(n.Band));
        Assert.Empty(page.FindAll("[data-testid=graph-debt-legend]"));
        Assert.Empty(page.FindAll("[data-testid=graph-node-debt]"));
        Assert.NotEmpty(page.FindAll("[data-testid=legend-team]"));
    }

    [Fact]
    public void GraphPage_ColorDebtOnAGroupedPicture_SaysItNeedsServicesOneByOne()
    {
        JSInterop.SetupModule("./js/graph.js");
        Navigation.NavigateTo("/graph?group=team&color=debt");
        var page = Render<GraphPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=graph-debt-grouped]")), Wait);
        Assert.Empty(page.FindAll("[data-testid=graph-debt-legend]"));
    }
}
