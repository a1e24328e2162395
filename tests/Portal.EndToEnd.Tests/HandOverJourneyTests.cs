using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd.Tests;

/// <summary>
/// An admin opens "who may change it" from a service page and hands the service over to people editing it in
/// Portal, after confirming. An app of its own: the hand-over changes the demo data.
/// </summary>
public sealed class HandOverJourneyTests(DemoPortalAppFixture app, BrowserFixture browser)
    : EndToEndTest(app, browser), IClassFixture<DemoPortalAppFixture>
{
    private const string Admin = "erik.johansson";

    [Fact]
    public async Task HandOver_FromTheServicePageToPeople_ConfirmedAndShown()
    {
        await SignInAsync(Admin);
        await GoToAsync("/catalog/payments");
        await Page.GetByTestId("service-handover").ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).PathAndQuery == "/admin/records?kind=component&ref=payments");
        await WaitForInteractiveAsync();
        var origin = Page.GetByTestId("record-origin");
        await Expect(Page.GetByTestId("record-owner")).ToHaveTextAsync("the demo data");
        await ScreenshotAsync("before");

        await Page.GetByTestId("handover-submit").ClickAsync();
        await Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Hand over", Exact = true }).ClickAsync();

        await Expect(Page.GetByTestId("record-owner")).ToHaveTextAsync("people editing it in Portal");
        await Expect(origin).ToContainTextAsync("none (edited in Portal)");
        await ScreenshotAsync("after");
        await Page.SetViewportSizeAsync(390, 844);
        await ScreenshotAsync("phone");
    }
}
