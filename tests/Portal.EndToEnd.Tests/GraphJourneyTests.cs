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

    [Fact]
    public async Task GraphPage_ColorByOpenDebt_BandsInTheLegendAndInWordsInTheList()
    {
        await SignInAsync(Admin);
        await GoToAsync("/graph?focus=payments&depth=2&color=debt");

        await Expect(Page.Locator("[data-testid=graph-canvas][data-rendered=true]")).ToHaveCountAsync(1);
        var legend = Page.GetByTestId("graph-debt-legend");
        await Expect(legend).ToContainTextAsync("High (double outline): 200 h or more per quarter");
        await Expect(legend).ToContainTextAsync("None (solid outline): no open debt logged");
        var payments = Page.GetByTestId("graph-node").Filter(new() { Has = Page.GetByRole(AriaRole.Link, new() { Name = "Payments", Exact = true }) });
        await Expect(payments.GetByTestId("graph-node-debt")).ToContainTextAsync("h per quarter");
        await ScreenshotAsync("debt-colours");

        // The choice lives in the address, and moving around the graph keeps it.
        await payments.GetByTestId("graph-node-blast").ClickAsync();
        await Page.WaitForURLAsync(url => url.Contains("highlight=blast", StringComparison.Ordinal) && url.Contains("color=debt", StringComparison.Ordinal));
        await Expect(Page.GetByTestId("graph-debt-legend")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ServiceAndTeamPages_OpenDebt_ShownWithTopItemsOnDesktopAndPhone()
    {
        await SignInAsync("ada.okafor");
        foreach (var (path, name) in new[] { ("/catalog/payments", "service"), ("/teams/payments-core", "team") })
        {
            await Page.SetViewportSizeAsync(1440, 900);
            await GoToAsync(path);
            var panel = Page.GetByTestId("debt-summary");
            await Expect(panel.GetByTestId("debt-summary-totals")).ToContainTextAsync("cost of delay per quarter");
            await Expect(panel.GetByTestId("debt-summary-item").First).ToBeVisibleAsync();
            Assert.InRange(await panel.GetByTestId("debt-summary-item").CountAsync(), 1, 3);
            await Expect(panel.GetByTestId("debt-summary-log")).ToBeVisibleAsync();
            await panel.ScrollIntoViewIfNeededAsync();
            await ScreenshotAsync($"{name}-desktop");

            await Page.SetViewportSizeAsync(390, 844);
            await GoToAsync(path);
            await Expect(Page.GetByTestId("debt-summary").GetByTestId("debt-summary-totals")).ToBeVisibleAsync();
            var width = await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(width <= 390, $"{path} is {width} px wide at 390 px");
            await ScreenshotAsync($"{name}-phone");
        }

        // Log debt from the team page: the register's form opens with the team accountable.
        await Page.SetViewportSizeAsync(1440, 900);
        await GoToAsync("/teams/payments-core");
        await Page.GetByTestId("debt-summary").GetByTestId("debt-summary-log").ClickAsync();
        await Expect(Page.Locator(".mud-dialog").GetByTestId("debt-save")).ToBeVisibleAsync();
        Assert.DoesNotContain("log=", CurrentPathAndQuery, StringComparison.Ordinal);
        await ScreenshotAsync("log-from-team");
    }
}
