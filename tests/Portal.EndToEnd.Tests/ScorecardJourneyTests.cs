using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd.Tests;

/// <summary>
/// The scorecards as a new user meets them on the demo data: open a service's scorecard and see what fails and why,
/// answer a self-assessed criterion, see a contradicted answer flagged, request and approve an exemption and watch
/// the level change, open the team radar. They change data, so they get an app of their own.
/// </summary>
public sealed class ScorecardJourneyTests(DemoPortalAppFixture app, BrowserFixture browser)
    : EndToEndTest(app, browser), IClassFixture<DemoPortalAppFixture>
{
    [Fact]
    public async Task Scorecard_Checkout_ShowsFailingCriteriaWithEvidenceAndNextSteps()
    {
        await SignInAsync("ines.carvalho");
        await GoToAsync("/scorecards/checkout");

        await Expect(Page.GetByTestId("next-steps")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("criterion-sync-chain-depth")).ToContainTextAsync("fail");
        await Expect(Page.GetByTestId("criterion-sync-chain-depth")).ToContainTextAsync("more than 3: checkout →");
        await ScreenshotAsync("scorecard");
    }

    [Fact]
    public async Task Answer_SelfAssessedCriterion_PassesAndIsSaved()
    {
        await SignInAsync("ada.okafor");
        await GoToAsync("/scorecards/payments");
        await Page.GetByTestId("answer-contention-measured").ClickAsync();
        await Page.GetByTestId("maturity-3").ClickAsync();
        await Page.GetByTestId("answer-note").FillAsync("Lock waits and pool saturation are on the payments dashboard, with alerts.");
        await ScreenshotAsync("form");
        await Page.GetByTestId("answer-save").ClickAsync();

        await Expect(Page.GetByTestId("criterion-contention-measured").Locator("[data-status]")).ToHaveAttributeAsync("data-status", "pass");
        await Expect(Page.GetByTestId("criterion-contention-measured")).ToContainTextAsync("Lock waits and pool saturation");
    }

    [Fact]
    public async Task FlaggedAnswer_Statements_ShowsWhatContradictsIt()
    {
        await SignInAsync("kwame.mensah");
        await GoToAsync("/scorecards/statements");

        await Expect(Page.GetByTestId("criterion-failure-rehearsed").GetByTestId("flag-reason")).ToContainTextAsync("statements → legacy-invoice-renderer");
        await ScreenshotAsync("flag");
    }

    [Fact]
    public async Task Exemption_RequestedByOwnerApprovedByAdmin_RaisesTheLevel()
    {
        await SignInAsync("ada.okafor");
        await GoToAsync("/scorecards/payments");
        await Expect(Page.GetByTestId("criterion-no-foreign-writers").Locator("[data-status]")).ToHaveAttributeAsync("data-status", "fail");
        await Expect(Page.GetByTestId("level-data-model")).ToHaveTextAsync("None");
        await Page.GetByTestId("exempt-no-foreign-writers").ClickAsync();
        await Page.GetByTestId("exemption-reason").FillAsync("Disputes and reconciliation move to the payments API this quarter.");
        await Page.GetByTestId("exemption-save").ClickAsync();
        await Expect(Page.GetByTestId("criterion-no-foreign-writers")).ToContainTextAsync("Exemption requested by Ada Okafor");

        await SignInAsync("erik.johansson");
        await GoToAsync("/scorecards/payments");
        await Page.GetByTestId("approve-no-foreign-writers").ClickAsync();

        await Expect(Page.GetByTestId("criterion-no-foreign-writers").Locator("[data-status]")).ToHaveAttributeAsync("data-status", "exempt");
        await Expect(Page.GetByTestId("level-data-model")).ToHaveTextAsync("Silver");
        await ScreenshotAsync("approved");
    }

    [Fact]
    public async Task Exemption_RejectedByAdmin_AsksForAReasonTheRequesterSees()
    {
        await SignInAsync("yusuf.demir");
        await GoToAsync("/scorecards/disputes");
        await Page.GetByTestId("exempt-no-foreign-writers").ClickAsync();
        await Page.GetByTestId("exemption-reason").FillAsync("Chargeback marks move to the payments API in Q1.");
        await Page.GetByTestId("exemption-save").ClickAsync();
        await Expect(Page.GetByTestId("criterion-no-foreign-writers")).ToContainTextAsync("Exemption requested by");

        await SignInAsync("erik.johansson");
        await GoToAsync("/scorecards");
        await Expect(Page.GetByTestId("pending-exemptions")).ToContainTextAsync("disputes");
        await GoToAsync("/scorecards/disputes");
        await Page.GetByTestId("reject-no-foreign-writers").ClickAsync();
        await Page.GetByTestId("reject-save").ClickAsync();
        await Expect(Page.GetByTestId("reject-form")).ToContainTextAsync("required when rejecting");
        await Page.GetByTestId("reject-note").FillAsync("Agree a date with the ledger team first.");
        await ScreenshotAsync("reject");
        await Page.GetByTestId("reject-save").ClickAsync();

        await Expect(Page.GetByTestId("reject-form")).ToHaveCountAsync(0);
        await Expect(Page.GetByTestId("criterion-no-foreign-writers").Locator("[data-status]")).ToHaveAttributeAsync("data-status", "fail");
    }

    [Fact]
    public async Task Overview_Printed_ShowsTablesInsteadOfControls()
    {
        await SignInAsync("erik.johansson");
        await GoToAsync("/scorecards?team=payments-core");
        await Expect(Page.GetByTestId("team-radar").Locator("svg").First).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("expired-count")).ToContainTextAsync("expired");

        await Page.EmulateMediaAsync(new() { Media = Microsoft.Playwright.Media.Print });

        await Expect(Page.GetByTestId("team-radar").Locator("caption")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("radar-team")).ToBeHiddenAsync();
        await ScreenshotAsync("print");
        var pdf = await Page.PdfAsync(new() { Format = "A4", PrintBackground = true });
        Assert.True(pdf.Length > 10_000);
    }

    [Fact]
    public async Task Framework_ShowsVersionHistory()
    {
        await SignInAsync("erik.johansson");
        await GoToAsync("/scorecards/framework");

        await Expect(Page.GetByTestId("framework-history")).ToContainTextAsync("1 (in force)");
    }

    [Fact]
    public async Task Overview_TeamRadar_ShowsForTheTeamInTheAddress()
    {
        await SignInAsync("ada.okafor");
        await GoToAsync("/scorecards?team=payments-core");

        await Expect(Page.GetByTestId("team-radar").Locator("svg").First).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("team-radar")).ToContainTextAsync("Payments Core");
        await Expect(Page.GetByTestId("heat-map").Locator("svg").First).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("scorecard-list")).ToContainTextAsync("Payments");
        await ScreenshotAsync("radar");
    }
}
