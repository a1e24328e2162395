using System.Security.Claims;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Portal.Domain.Catalog;
using Portal.Domain.Scorecards.Records;
using Portal.Domain.Security;
using Portal.Web.Auth;
using Portal.Web.Components.Pages.Scorecards;

namespace Portal.Web.Tests.Components.Pages.Scorecards;

/// <summary>
/// An open scorecard acts as whoever is signed in when the button is pressed, not as the page loaded them: after a
/// demotion or an unlink the command is refused (and audited) and the buttons go.
/// </summary>
public sealed class ServiceScorecardActorTests : ComponentTest
{
    private const string Issuer = "https://login.example.com/";

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await SeedDemoAsync();
    }

    private IRenderedComponent<ServiceScorecard> RenderPage()
    {
        Render<MudPopoverProvider>();
        Render<MudDialogProvider>();
        var page = Render<ServiceScorecard>(p => p.Add(x => x.Name, "payments"));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=scorecard-title]")), Wait);
        return page;
    }

    /// <summary>Signs in an OpenID Connect account (issuer and subject as Portal's own claims) with the provider's role.</summary>
    private void SignInOidc(string subject, PortalRole role)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("Ada at the provider");
        auth.SetRoles(role.ToString());
        auth.SetClaims(
            new Claim(PortalClaims.SubjectClaim, subject),
            new Claim(PortalClaims.Source, PortalClaims.OidcSource),
            new Claim(PortalClaims.OidcIssuer, Issuer));
        auth.SetPolicies("Editor");
    }

    private async Task ChangePersonAsync(string name, Action<Person> change)
    {
        await using var db = Db.CreateContext();
        change(await db.People.SingleAsync(p => p.Name == name, Ct));
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>Opens the exemption form on the first criterion offering one and gives a reason; returns the criterion.</summary>
    private static async Task<string> StartExemptionAsync(IRenderedComponent<ServiceScorecard> page)
    {
        var button = page.FindAll("button[data-testid^=exempt-]").First();
        var criterion = button.GetAttribute("data-testid")!["exempt-".Length..];
        await page.InvokeAsync(() => button.Click());
        page.WaitForElement("textarea[data-testid=exemption-reason]", Wait).Change("Moves behind an API in Q1.");
        return criterion;
    }

    private async Task SaveAndExpectRefusalAsync(IRenderedComponent<ServiceScorecard> page, string criterion, string actor)
    {
        await page.InvokeAsync(() => page.Find("button[data-testid=exemption-save]").Click());

        page.WaitForAssertion(() => Assert.Contains("may not request exemptions", page.Find("[data-testid=exemption-form]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Empty(page.FindAll("button[data-testid^=exempt-]"));
        Assert.Empty(page.FindAll("button[data-testid^=answer-]"));
        Assert.Empty(page.FindAll("button[data-testid^=log-debt-]"));
        await using var db = Db.CreateContext();
        Assert.False(await db.ScorecardExemptions.AnyAsync(e => e.CriterionKey == criterion && e.Status == ExemptionStatus.Requested, Ct));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "scorecards.exemption.request.denied" && a.Actor == actor && !a.Succeeded, Ct));
    }

    [Fact]
    public async Task Editor_DemotedAfterThePageOpened_RequestRefusedAndTheButtonsGo()
    {
        SignIn("ada.okafor", PortalRole.Editor);
        var page = RenderPage();
        var criterion = await StartExemptionAsync(page);

        await ChangePersonAsync("ada.okafor", p => p.SetRole(PortalRole.Viewer));

        await SaveAndExpectRefusalAsync(page, criterion, "ada.okafor");
    }

    [Fact]
    public async Task OidcEditor_UnlinkedAfterThePageOpened_RefusedAsTheBareAccount()
    {
        await ChangePersonAsync("ada.okafor", p => p.LinkSignIn(Issuer, "sub-ada"));
        SignInOidc("sub-ada", PortalRole.Editor);
        var page = RenderPage();
        var criterion = await StartExemptionAsync(page);

        await ChangePersonAsync("ada.okafor", p => p.UnlinkSignIn());

        // The account no longer is Ada: it acts as oidc:sub-ada, an Editor of no team.
        await SaveAndExpectRefusalAsync(page, criterion, "oidc:sub-ada");
    }
}
