using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Domain.Security;
using Portal.Web.Components.Layout;
using Portal.Web.Components.Pages.Settings;

namespace Portal.Web.Tests.Components.Pages.Settings;

public sealed class YourSettingsTests : ComponentTest
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private async Task AddPersonAsync(string name, string displayName)
    {
        await using var db = Db.CreateContext();
        db.People.Add(new Person(name, displayName, $"{name}@example.com"));
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task YourSettings_SavePhone_StoresItAndConfirms()
    {
        await AddPersonAsync("ada", "Ada Okafor");
        SignIn("ada", PortalRole.Editor);
        var page = Render<YourSettings>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("input[data-testid=contact-phone]")));
        page.Find("input[data-testid=contact-phone]").Change("+44  20 7946 0958");
        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => Assert.Equal("Saved: people can call you on +44 20 7946 0958.", page.Find("[data-testid=contact-saved]").TextContent));
        await using var db = Db.CreateContext();
        Assert.Equal("+44 20 7946 0958", (await db.People.SingleAsync(p => p.Name == "ada", Ct)).Phone);
    }

    [Fact]
    public async Task YourSettings_PhoneWithLetters_SaysWhatIsWrongAndKeepsTheOldNumber()
    {
        await AddPersonAsync("ada", "Ada Okafor");
        SignIn("ada", PortalRole.Editor);
        var page = Render<YourSettings>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("input[data-testid=contact-phone]")));
        page.Find("input[data-testid=contact-phone]").Change("call me maybe");
        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains("Not saved: the phone number 'call me maybe' has 'c'", page.Markup, StringComparison.Ordinal));
        await using var db = Db.CreateContext();
        Assert.Null((await db.People.SingleAsync(p => p.Name == "ada", Ct)).Phone);
    }

    [Fact]
    public void YourSettings_ChooseAZone_ShowsTimesThere()
    {
        SignIn("admin", PortalRole.Admin);
        var page = Render<YourSettings>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("input[data-testid=tz-chosen]")));
        page.Find("input[data-testid=tz-chosen]").Click();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("input[data-testid=tz-zone]")));
        var zone = page.FindComponent<MudBlazor.MudAutocomplete<string>>();
        page.InvokeAsync(() => zone.Instance.ValueChanged.InvokeAsync("Europe/Berlin"));

        var viewer = Services.GetRequiredService<ViewerContext>();
        page.WaitForAssertion(() => Assert.Equal("Europe/Berlin", viewer.Settings.ChosenTimeZone));
        Assert.Contains("Berlin", page.Find("[data-testid=tz-now]").TextContent, StringComparison.Ordinal);
        Assert.Contains("not a person in the catalog", page.Find("[data-testid=contact-none]").TextContent, StringComparison.Ordinal);
    }
}
