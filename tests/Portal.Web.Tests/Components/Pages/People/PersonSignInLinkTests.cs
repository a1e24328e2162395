using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Portal.Domain.Security;
using Portal.Web.Auth;
using Portal.Web.Components.Pages.People;

namespace Portal.Web.Tests.Components.Pages.People;

/// <summary>A person's page shows admins the linked sign-in account and lets them remove the link, after confirming.</summary>
public sealed class PersonSignInLinkTests : ComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await SeedDemoAsync();
        await using var db = Db.CreateContext();
        var ada = await db.People.SingleAsync(p => p.Name == "ada.okafor", Ct);
        ada.LinkSignIn("https://login.example.com/", "sub-ada");
        await db.SaveChangesAsync(Ct);
    }

    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<PersonDetails> Page) RenderPage()
    {
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var page = Render<PersonDetails>(p => p.Add(x => x.Name, "ada.okafor"));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=person-title]")), Wait);
        return (dialogs, page);
    }

    private static async Task ClickDialogButtonAsync(IRenderedComponent<MudDialogProvider> dialogs, string text)
    {
        dialogs.WaitForAssertion(() => Assert.Contains(dialogs.FindAll("button"), b => b.TextContent.Trim() == text), Wait);
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").First(b => b.TextContent.Trim() == text).Click());
    }

    [Fact]
    public async Task Admin_RemovesTheLinkAfterConfirming()
    {
        SignIn(PortalClaims.LocalAdminId, PortalRole.Admin);
        var (dialogs, page) = RenderPage();
        page.WaitForAssertion(() => Assert.Contains("sub-ada", page.Find("[data-testid=person-sign-in-link]").TextContent, StringComparison.Ordinal), Wait);

        await page.InvokeAsync(() => page.Find("button[data-testid=person-unlink]").Click());
        await ClickDialogButtonAsync(dialogs, "Remove link");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=person-sign-in-none]")), Wait);
        await using var db = Db.CreateContext();
        Assert.Null((await db.People.SingleAsync(p => p.Name == "ada.okafor", Ct)).SignInSubject);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "person.unlink-sign-in" && a.Succeeded && a.Actor == "local-admin", Ct));
    }

    [Fact]
    public async Task Admin_CancelsTheConfirmation_LinkStays()
    {
        SignIn(PortalClaims.LocalAdminId, PortalRole.Admin);
        var (dialogs, page) = RenderPage();
        page.WaitForElement("button[data-testid=person-unlink]", Wait);

        await page.InvokeAsync(() => page.Find("button[data-testid=person-unlink]").Click());
        await ClickDialogButtonAsync(dialogs, "Cancel");

        page.WaitForAssertion(() => Assert.Contains("sub-ada", page.Find("[data-testid=person-sign-in-link]").TextContent, StringComparison.Ordinal), Wait);
        await using var db = Db.CreateContext();
        Assert.Equal("sub-ada", (await db.People.SingleAsync(p => p.Name == "ada.okafor", Ct)).SignInSubject);
    }

    private async Task SetRoleAsync(string person, PortalRole role)
    {
        await using var db = Db.CreateContext();
        (await db.People.SingleAsync(p => p.Name == person, Ct)).SetRole(role);
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task Admin_DemotedAfterThePageOpened_RemovalRefusedAuditedAndTheSectionGoes()
    {
        await SetRoleAsync("lina.haddad", PortalRole.Admin);
        SignIn("lina.haddad", PortalRole.Admin);
        var (dialogs, page) = RenderPage();
        page.WaitForElement("button[data-testid=person-unlink]", Wait);

        await SetRoleAsync("lina.haddad", PortalRole.Viewer);
        await page.InvokeAsync(() => page.Find("button[data-testid=person-unlink]").Click());
        await ClickDialogButtonAsync(dialogs, "Remove link");

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=person-sign-in]")), Wait);
        await using var db = Db.CreateContext();
        Assert.Equal("sub-ada", (await db.People.SingleAsync(p => p.Name == "ada.okafor", Ct)).SignInSubject);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "person.unlink-sign-in" && !a.Succeeded && a.Actor == "lina.haddad", Ct));
    }

    [Fact]
    public async Task Admin_OnTheirOwnPage_SeesTheirLinkButNoRemoveButton()
    {
        await SetRoleAsync("ada.okafor", PortalRole.Admin);
        SignIn("ada.okafor", PortalRole.Admin);

        var (_, page) = RenderPage();

        page.WaitForElement("[data-testid=person-sign-in-own]", Wait);
        Assert.Contains("sub-ada", page.Find("[data-testid=person-sign-in-link]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("button[data-testid=person-unlink]"));
    }

    [Fact]
    public void Editor_SeesNoSignInSection()
    {
        SignIn("ada.okafor", PortalRole.Editor);

        var (_, page) = RenderPage();

        Assert.Empty(page.FindAll("[data-testid=person-sign-in]"));
        Assert.DoesNotContain("sub-ada", page.Markup, StringComparison.Ordinal);
    }
}
