using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd.Tests;

/// <summary>
/// The dependency graph in a real browser: Cytoscape draws on a canvas, so the tests wait for the page to say
/// the layout is done (<c>data-rendered</c>) and read node counts and names from attributes and the HTML lists.
/// </summary>
public sealed class GraphJourneyTests(DemoPortalAppFixture app, BrowserFixture browser)
    : EndToEndTest(app, browser), IClassFixture<DemoPortalAppFixture>
{
    private const string Admin = "erik.johansson";

    [Fact]
    public async Task GraphPage_FocusOnPaymentsDepthTwo_DrawsItsNeighbourhood()
    {
        await SignInAsync(Admin);
        await GoToAsync("/graph?focus=payments&depth=2");

        var canvas = Page.Locator("[data-testid=graph-canvas][data-rendered=true]");
        await Expect(canvas).ToHaveCountAsync(1);
        var nodes = int.Parse(await canvas.GetAttributeAsync("data-node-count") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(nodes, 10, 48);
        Assert.NotNull(await canvas.Locator("canvas").First.ElementHandleAsync());

        var listed = Page.GetByTestId("graph-nodes");
        await Expect(listed.GetByRole(AriaRole.Link, new() { Name = "Payments", Exact = true })).ToBeVisibleAsync();
        await Expect(listed.GetByRole(AriaRole.Link, new() { Name = "Ledger", Exact = true })).ToBeVisibleAsync();
        await Expect(listed.GetByRole(AriaRole.Link, new() { Name = "Payment Orchestrator", Exact = true })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("graph-legend")).ToContainTextAsync("payments-core");
        await Expect(Page.GetByTestId("graph-summary")).ToContainTextAsync("within 2 hops of Payments");
        await ScreenshotAsync("payments-depth-2");
    }

    [Fact]
    public async Task GraphPage_BlastHighlight_NamesWhatBreaks()
    {
        await SignInAsync(Admin);
        await GoToAsync("/graph?focus=payments&depth=1&highlight=blast");

        await Expect(Page.Locator("[data-testid=graph-canvas][data-rendered=true]")).ToHaveCountAsync(1);
        await Expect(Page.GetByTestId("graph-highlight-summary")).ToContainTextAsync("What breaks if Payments goes down");
        await Expect(Page.GetByTestId("graph-nodes").GetByRole(AriaRole.Link, new() { Name = "Pay Portal", Exact = true })).ToBeVisibleAsync();
        await ScreenshotAsync("payments-blast");
    }

    [Fact]
    public async Task AnalysisPage_ShowOnGraph_OpensTheGraphOnTheCycle()
    {
        await SignInAsync(Admin);
        await GoToAsync("/graph/analysis?kind=cycle");
        var findings = Page.GetByTestId("graph-findings");
        await Expect(findings).ToContainTextAsync("is a synchronous cycle");
        await ScreenshotAsync("cycles");

        await findings.GetByTestId("show-on-graph").First.ClickAsync();

        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/graph" && url.Contains("highlight=cycle", StringComparison.Ordinal));
        await Expect(Page.Locator("[data-testid=graph-canvas][data-rendered=true]")).ToHaveCountAsync(1);
        await Expect(Page.GetByTestId("graph-highlight-summary")).ToContainTextAsync("Synchronous cycle of 3 services");
    }

    [Fact]
    public async Task ServicePage_Payments_SaysWhatBreaksIfItGoesDown()
    {
        await SignInAsync(Admin);
        await GoToAsync("/catalog/payments");

        var panel = Page.GetByTestId("blast-radius");
        await Expect(panel).ToContainTextAsync("What breaks if this goes down");
        await Expect(panel).ToContainTextAsync("pay-portal");
        await Expect(panel.GetByTestId("blast-radius-direct")).ToContainTextAsync("Payment Orchestrator");
        await panel.ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync("blast-radius");

        await panel.GetByTestId("blast-radius-graph").ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).PathAndQuery == "/graph?focus=payments&highlight=blast");
        await Expect(Page.Locator("[data-testid=graph-canvas][data-rendered=true]")).ToHaveCountAsync(1);
    }
}
