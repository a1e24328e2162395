using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using Portal.Domain.Reviews.Initiatives;
using Portal.Domain.Scorecards;
using Portal.Domain.Signals;
using Portal.Domain.Security;
using Portal.Web.Components.Pages.Initiatives;

namespace Portal.Web.Tests.Components.Pages.Initiatives;

/// <summary>Starting an initiative: filled in from an action item, saved with the item linked, validation naming the field.</summary>
public sealed class NewInitiativePageTests : ComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _clock = new(InitiativeTestData.Now);

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton<TimeProvider>(_clock);
        await SeedDemoAsync();
    }

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<NewInitiativePage> RenderPage()
    {
        Render<MudPopoverProvider>();
        var page = Render<NewInitiativePage>();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-progress-linear")), Wait);
        return page;
    }

    [Fact]
    public async Task Render_FromActionItem_FilledInWithItsTitleOwnerDueDateAndTarget()
    {
        var item = await InitiativeTestData.ActionItemAsync(Db.Factory);
        SignIn("ada.okafor", PortalRole.Editor);
        Navigation.NavigateTo($"/initiatives/new?fromActionItem={item}");

        var page = RenderPage();

        Assert.Contains("Timeouts on every outbound call", page.Find("[data-testid=initiative-from-item]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Timeouts on every outbound call", page.Find("input[data-testid=initiative-title]").GetAttribute("value"));
        var form = page.FindComponent<InitiativeForm>().Instance.Initial;
        Assert.Equal("payments-core", form.OwnerTeam);
        Assert.Equal(InitiativeTestData.Today.AddDays(45).ToDateTime(TimeOnly.MinValue), form.DueOn);
        Assert.Equal((ScalingSignal.CascadingFailures, ScoreLevel.Silver), (form.Signal!.Value, form.TargetLevel!.Value));
        Assert.Equal(new[] { "payments-core" }, form.Teams);
    }

    [Fact]
    public async Task Save_FromActionItem_CreatesTheInitiativeAndTheItemLinksToIt()
    {
        var item = await InitiativeTestData.ActionItemAsync(Db.Factory);
        SignIn("ada.okafor", PortalRole.Editor);
        Navigation.NavigateTo($"/initiatives/new?fromActionItem={item}");
        var page = RenderPage();

        await page.InvokeAsync(() => page.Find("form").Submit());

        page.WaitForAssertion(() => Assert.Matches("/initiatives/[0-9a-f-]{36}$", Navigation.Uri), Wait);
        await using var db = Db.CreateContext();
        var initiative = await db.Initiatives.SingleAsync(Ct);
        Assert.Equal(initiative.Id, (await db.ActionItems.SingleAsync(a => a.Id == item, Ct)).InitiativeId);
        Assert.Equal((item, "Timeouts on every outbound call"), (initiative.FromActionItemId!.Value, initiative.Title));
    }

    [Fact]
    public async Task Save_EmptyForm_ValidationNamesEachMissingFieldAndNothingIsCreated()
    {
        SignIn("ada.okafor", PortalRole.Editor);
        var page = RenderPage();

        await page.InvokeAsync(() => page.Find("form").Submit());

        page.WaitForAssertion(() => Assert.Contains("Title: state the target in words.", page.Markup, StringComparison.Ordinal), Wait);
        Assert.Contains("Signal: choose the signal the target is on.", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Target level: choose Bronze, Silver or Gold.", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Owner team: choose the team accountable for it.", page.Markup, StringComparison.Ordinal);
        await using var db = Db.CreateContext();
        Assert.Equal(0, await db.Initiatives.CountAsync(Ct));
    }

    [Fact]
    public async Task Render_ActionItemAlreadyGrown_LinksToItsInitiativeInsteadOfAForm()
    {
        var item = await InitiativeTestData.ActionItemAsync(Db.Factory);
        var id = await new InitiativeCommands(Db.Factory, _clock).CreateAsync(await InitiativeTestData.AdminAsync(Db.Factory), InitiativeTestData.Payments(), item, ct: Ct);
        SignIn("ada.okafor", PortalRole.Editor);
        Navigation.NavigateTo($"/initiatives/new?fromActionItem={item}");

        var page = RenderPage();

        Assert.Equal($"/initiatives/{id}", page.Find("[data-testid=initiative-already] a").GetAttribute("href"));
        Assert.Empty(page.FindAll("form"));
    }

    [Theory]
    [InlineData("grace.nwosu", PortalRole.Viewer, "Only admins and editors")]
    [InlineData("kwame.mensah", PortalRole.Editor, "only admins and editors of that team")]
    public async Task Render_PersonWhoMayNotGrowTheItem_SaysWhyAndShowsNoForm(string person, PortalRole role, string reason)
    {
        var item = await InitiativeTestData.ActionItemAsync(Db.Factory);
        SignIn(person, role);
        Navigation.NavigateTo($"/initiatives/new?fromActionItem={item}");

        var page = RenderPage();

        Assert.Contains(reason, page.Find("[data-testid=initiative-refused]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("form"));
    }
}
