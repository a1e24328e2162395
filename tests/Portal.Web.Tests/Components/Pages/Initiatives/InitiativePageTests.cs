using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using Portal.Domain.Reviews;
using Portal.Domain.Reviews.Initiatives;
using Portal.Domain.Security;
using Portal.Web.Components.Pages.Initiatives;

namespace Portal.Web.Tests.Components.Pages.Initiatives;

/// <summary>One initiative's page: burn-up as an accessible chart with a table, the services short, and changes only for those the domain allows.</summary>
public sealed class InitiativePageTests : ComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _clock = new(InitiativeTestData.Now);

    private Guid _id;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton<TimeProvider>(_clock);
        await SeedDemoAsync();
        _id = await new InitiativeCommands(Db.Factory, _clock).CreateAsync(await InitiativeTestData.AdminAsync(Db.Factory), InitiativeTestData.Payments());
    }

    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<InitiativePage> Page) RenderPage()
    {
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var page = Render<InitiativePage>(p => p.Add(x => x.Id, _id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("h1")), Wait);
        return (dialogs, page);
    }

    [Fact]
    public void Render_Initiative_BurnUpIsALabelledSvgWithATableAndServicesShortLinkToTheirPages()
    {
        SignIn("grace.nwosu", PortalRole.Viewer);

        var (_, page) = RenderPage();

        Assert.Equal("Payments resilience", page.Find("h1").TextContent.Trim());
        var chart = page.Find("svg[data-testid=burnup-chart]");
        Assert.Equal("img", chart.GetAttribute("role"));
        Assert.Equal("burnup-title burnup-desc", chart.GetAttribute("aria-labelledby"));
        Assert.Contains("services in scope meet the target", page.Find("#burnup-desc").TextContent, StringComparison.Ordinal);
        Assert.Equal("Show as table", page.Find("[data-testid=burnup-table] summary").TextContent.Trim());
        Assert.Equal(31, page.FindAll("[data-testid=burnup-table] tbody tr").Count);
        var shortLinks = page.FindAll("[data-testid=initiative-short-list] tbody tr td:first-child a");
        Assert.NotEmpty(shortLinks);
        Assert.All(shortLinks, a => Assert.StartsWith("/catalog/", a.GetAttribute("href"), StringComparison.Ordinal));
        Assert.Contains("<strong>first</strong>", page.Find("[data-testid=initiative-description]").InnerHtml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("grace.nwosu", PortalRole.Viewer, false)]
    [InlineData("kwame.mensah", PortalRole.Editor, false)]
    [InlineData("ada.okafor", PortalRole.Editor, true)]
    [InlineData("erik.johansson", PortalRole.Admin, true)]
    public void Render_Person_ChangeButtonsOnlyForThoseTheDomainAllows(string person, PortalRole role, bool offered)
    {
        SignIn(person, role);

        var (_, page) = RenderPage();

        Assert.Equal(offered, page.FindAll("[data-testid=initiative-actions]").Count == 1);
        Assert.Equal(offered, page.FindAll("button[data-testid=initiative-edit]").Count == 1);
        Assert.Equal(offered, page.FindAll("button[data-testid=initiative-complete]").Count == 1);
    }

    [Fact]
    public async Task Save_ChangedBySomeoneElseMeanwhile_SaysSoAndOffersReload()
    {
        SignIn("ada.okafor", PortalRole.Editor);
        var (_, page) = RenderPage();
        page.Find("button[data-testid=initiative-edit]").Click();
        page.Find("input[data-testid=initiative-title]").Change("Mine");
        await new InitiativeCommands(Db.Factory, _clock).UpdateAsync(
            await InitiativeTestData.AdminAsync(Db.Factory), _id, InitiativeTestData.Payments("Theirs"), 0, Ct);

        await page.InvokeAsync(() => page.Find("form").Submit());

        page.WaitForAssertion(() => Assert.Contains("changed by someone else", page.Find("[data-testid=initiative-conflict]").TextContent, StringComparison.Ordinal), Wait);
        page.Find("button[data-testid=initiative-reload]").Click();
        page.WaitForAssertion(() => Assert.Equal("Theirs", page.Find("h1").TextContent.Trim()), Wait);
        Assert.Empty(page.FindAll("[data-testid=initiative-conflict]"));
    }

    [Fact]
    public async Task Save_EditorDemotedAfterThePageOpened_RefusedAuditedAndTheActionsGo()
    {
        SignIn("ada.okafor", PortalRole.Editor);
        var (_, page) = RenderPage();
        page.Find("button[data-testid=initiative-edit]").Click();
        page.Find("input[data-testid=initiative-title]").Change("Mine");
        await using (var change = Db.CreateContext())
        {
            (await change.People.SingleAsync(p => p.Name == "ada.okafor", Ct)).SetRole(PortalRole.Viewer);
            await change.SaveChangesAsync(Ct);
        }

        await page.InvokeAsync(() => page.Find("form").Submit());

        // Acts as who Ada is now (a viewer), not as the page loaded her; the buttons follow.
        page.WaitForAssertion(() => Assert.Contains("may not change 'Payments resilience'", page.Markup, StringComparison.Ordinal), Wait);
        Assert.Empty(page.FindAll("button[data-testid=initiative-complete]"));
        var view = await new InitiativeQueries(Db.Factory, _clock).GetAsync(_id, Ct);
        Assert.Equal(("Payments resilience", 0), (view!.Summary.Title, view.Summary.Version));
        await using var db = Db.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "initiatives.update.denied" && a.Actor == "ada.okafor" && !a.Succeeded, Ct));
    }

    [Fact]
    public async Task Save_TitleCleared_ValidationNamesTheFieldAndNothingChanges()
    {
        SignIn("ada.okafor", PortalRole.Editor);
        var (_, page) = RenderPage();
        page.Find("button[data-testid=initiative-edit]").Click();
        page.Find("input[data-testid=initiative-title]").Change("");

        await page.InvokeAsync(() => page.Find("form").Submit());

        page.WaitForAssertion(() => Assert.Contains("Title: state the target in words.", page.Markup, StringComparison.Ordinal), Wait);
        var view = await new InitiativeQueries(Db.Factory, _clock).GetAsync(_id, Ct);
        Assert.Equal(("Payments resilience", 0), (view!.Summary.Title, view.Summary.Version));
    }

    [Fact]
    public async Task Complete_Confirmed_StatusChangesAndOnlyReactivateIsLeft()
    {
        SignIn("ada.okafor", PortalRole.Editor);
        var (dialogs, page) = RenderPage();

        await page.InvokeAsync(() => page.Find("button[data-testid=initiative-complete]").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("still fall short", dialogs.Markup, StringComparison.Ordinal), Wait);
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").First(b => b.TextContent.Trim() == "Mark completed").Click());

        page.WaitForAssertion(() => Assert.Equal("Completed", page.Find("[data-testid=initiative-status]").TextContent.Trim()), Wait);
        Assert.Single(page.FindAll("button[data-testid=initiative-reactivate]"));
        Assert.Empty(page.FindAll("button[data-testid=initiative-complete]"));
        Assert.Equal(InitiativeStatus.Completed, (await new InitiativeQueries(Db.Factory, _clock).GetAsync(_id, Ct))!.Summary.Status);
    }

    [Fact]
    public async Task Cancel_DialogDismissed_NothingChanges()
    {
        SignIn("ada.okafor", PortalRole.Editor);
        var (dialogs, page) = RenderPage();

        await page.InvokeAsync(() => page.Find("button[data-testid=initiative-cancel-status]").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("Keep it as it is", dialogs.Markup, StringComparison.Ordinal), Wait);
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").First(b => b.TextContent.Trim() == "Keep it as it is").Click());

        Assert.Equal("Active", page.Find("[data-testid=initiative-status]").TextContent.Trim());
        Assert.Equal(InitiativeStatus.Active, (await new InitiativeQueries(Db.Factory, _clock).GetAsync(_id, Ct))!.Summary.Status);
    }

    [Fact]
    public void Render_UnknownId_SaysThereIsNoSuchInitiative()
    {
        SignIn("grace.nwosu", PortalRole.Viewer);

        var page = Render<InitiativePage>(p => p.Add(x => x.Id, Guid.NewGuid()));

        page.WaitForAssertion(() => Assert.Equal("There is no such initiative", page.Find("h1").TextContent.Trim()), Wait);
    }
}
