using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd.Tests;

/// <summary>Journeys that change data: an owner edits a service, a non-owner is refused. They get an app of their own.</summary>
public sealed class OwnerJourneyTests(DemoPortalAppFixture app, BrowserFixture browser)
    : EndToEndTest(app, browser), IClassFixture<DemoPortalAppFixture>
{
    [Fact]
    public async Task EditService_AsOwner_SavesAndShowsTheNewTitle()
    {
        await SignInAsync("ada.okafor");
        await GoToAsync("/catalog/refunds");
        await Page.GetByTestId("service-edit").ClickAsync();
        await Expect(Page.GetByTestId("edit-save")).ToBeVisibleAsync();
        await WaitForInteractiveAsync();
        await ScreenshotAsync("form");

        await Page.GetByTestId("edit-title").FillAsync("Refunds & Reversals");
        await Page.GetByTestId("edit-save").ClickAsync();

        await Expect(Page.GetByTestId("service-title")).ToHaveTextAsync("Refunds & Reversals");
        await ScreenshotAsync("saved");
    }

    [Fact]
    public async Task EditService_AsEditorOfAnotherTeam_IsRefused()
    {
        await SignInAsync("yusuf.demir");
        await GoToAsync("/catalog/ledger");
        await Expect(Page.GetByTestId("service-title")).ToBeVisibleAsync();
        // Edit is there but disabled, saying whose it is and whom to ask.
        await Expect(Page.GetByTestId("service-edit")).ToBeDisabledAsync();
        await Expect(Page.GetByTestId("service-edit-reason")).ToContainTextAsync("Owned by Ledger & Reconciliation — ask #ledger-recon");

        await GoToAsync("/catalog/ledger/edit");
        await Expect(Page.GetByTestId("edit-refused")).ToContainTextAsync("Only the owning team");
    }

    [Fact]
    public async Task OwnershipHealth_Demo_ListsUnownedServices()
    {
        await SignInAsync("erik.johansson");
        await GoToAsync("/ownership");
        await Expect(Page.GetByTestId("ownership-findings")).ToContainTextAsync("CSV Customer Importer");
        await ScreenshotAsync("findings");
    }

    [Fact]
    public async Task TeamPage_PaymentsCore_ShowsWhoIsOnCallAndTheCalendar()
    {
        await SignInAsync("ada.okafor");
        await GoToAsync("/teams/payments-core");
        await Expect(Page.GetByTestId("oncall-now")).ToContainTextAsync("Primary");
        await Expect(Page.GetByTestId("oncall-now")).ToContainTextAsync("Secondary");
        await Expect(Page.GetByTestId("oncall-calendar")).ToBeVisibleAsync();
        await ScreenshotAsync("team-oncall");
    }

    [Fact]
    public async Task ManageOnCall_OverlappingOverride_IsRejectedWithAClearMessage()
    {
        await SignInAsync("ada.okafor");
        await GoToAsync("/teams/payments-core/on-call");
        var primary = Page.GetByTestId("rotation-primary");
        await Expect(primary.GetByTestId("overrides")).ToContainTextAsync("Diego Alvarez");

        // The demo's override starts tomorrow 16:00 UTC and lasts two days; ask for one inside it.
        var start = DateTime.UtcNow.Date.AddDays(1).AddHours(18);
        await primary.GetByLabel("Who covers").FillAsync("tomas.reyes");

        // Pick the suggestion once it is there (Enter before the list arrives picked nothing).
        await Page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "tomas.reyes" }).First.ClickAsync();
        await primary.GetByLabel("From (UTC)").FillAsync(start.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await primary.GetByLabel("Until (UTC)").FillAsync(start.AddHours(4).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await Page.GetByTestId("add-override-primary").ClickAsync();

        // Said in a sentence: who already covers, when (in the viewer's zone), and what to do instead.
        await Expect(Page.GetByTestId("override-error")).ToContainTextAsync("Diego Alvarez already covers from");
        await Expect(Page.GetByTestId("override-error")).ToContainTextAsync("which overlaps the time you chose");
        await ScreenshotAsync("overlap");
    }
}
