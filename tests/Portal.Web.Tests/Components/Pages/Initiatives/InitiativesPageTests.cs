using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using Portal.Domain.Reviews.Initiatives;
using Portal.Domain.Security;
using Portal.Domain.Signals;
using Portal.Web.Components.Pages.Initiatives;

namespace Portal.Web.Tests.Components.Pages.Initiatives;

/// <summary>The list of initiatives: empty state, rows in words with progress, filters read from the address.</summary>
public sealed class InitiativesPageTests : ComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _clock = new(InitiativeTestData.Now);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton<TimeProvider>(_clock);
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private async Task CreateAsync(InitiativeInput input)
    {
        await SeedDemoAsync();
        var admin = await InitiativeTestData.AdminAsync(Db.Factory);
        await new InitiativeCommands(Db.Factory, _clock).CreateAsync(admin, input);
    }

    private IRenderedComponent<InitiativesPage> RenderPage()
    {
        Render<MudPopoverProvider>();
        return Render<InitiativesPage>();
    }

    [Fact]
    public void Render_NoInitiativeAsEditor_EmptyStateSaysWhatOneIsAndOffersNew()
    {
        SignIn("local-admin", PortalRole.Admin);

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("An initiative is a target", page.Find("[data-testid=empty-state]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Contains("Grow into initiative", page.Find("[data-testid=empty-state]").TextContent, StringComparison.Ordinal);
        Assert.Equal("/initiatives/new", page.Find("a[data-testid=initiative-empty-new]").GetAttribute("href"));
        Assert.Single(page.FindAll("[data-testid=initiative-new]"));
    }

    [Fact]
    public void Render_NoInitiativeAsViewer_NoNewButton()
    {
        SignIn("grace.nwosu", PortalRole.Viewer);

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=empty-state]")), Wait);
        Assert.Empty(page.FindAll("[data-testid=initiative-new]"));
        Assert.Empty(page.FindAll("[data-testid=initiative-empty-new]"));
    }

    [Fact]
    public async Task Render_PagePastTheEnd_SaysSoAndLinksTheLastPage()
    {
        await CreateAsync(InitiativeTestData.Payments());
        SignIn("grace.nwosu", PortalRole.Viewer);
        Navigation.NavigateTo("/initiatives?page=9");

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("There is no page 9: this list has 1 page now.", page.Find("[data-testid=past-last-page]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal("http://localhost/initiatives", page.Find("a[data-testid=past-last-page-link]").GetAttribute("href"));
    }

    [Fact]
    public async Task Render_OneInitiative_RowSaysTargetOwnerDueAndLabelledProgress()
    {
        await CreateAsync(InitiativeTestData.Payments());
        SignIn("grace.nwosu", PortalRole.Viewer);

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=initiative-list] tbody tr")), Wait);
        Assert.Equal("Every tier-1 service of Payments Core at Silver on Cascading failures", page.Find("[data-testid=initiative-target]").TextContent.Trim());
        var row = page.Find("[data-testid=initiative-list] tbody tr").TextContent;
        Assert.Contains("Payments Core", row, StringComparison.Ordinal);
        Assert.Contains(InitiativeTestData.Today.AddDays(60).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), row, StringComparison.Ordinal);
        Assert.Contains("in 60 days", row, StringComparison.Ordinal);
        var bar = page.Find("[data-testid=initiative-progress] [role=progressbar]");
        Assert.StartsWith("Payments resilience: ", bar.GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.Contains("services meet the target", bar.GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.StartsWith("/initiatives/", page.Find("a[data-testid=initiative-link]").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_SignalInAddress_ListsOnlyThatSignalAndOffersToClear()
    {
        await CreateAsync(InitiativeTestData.Payments());
        var admin = await InitiativeTestData.AdminAsync(Db.Factory);
        await new InitiativeCommands(Db.Factory, _clock).CreateAsync(admin, InitiativeTestData.Payments("Own the payments data", ScalingSignal.DataModel), ct: Ct);
        SignIn("grace.nwosu", PortalRole.Viewer);
        Navigation.NavigateTo("/initiatives?signal=data-model");

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal("Own the payments data", page.Find("a[data-testid=initiative-link]").TextContent.Trim()), Wait);
        Assert.Single(page.FindAll("[data-testid=initiative-list] tbody tr"));
        Assert.Contains("1 initiative match", page.Find("[data-testid=initiative-count]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Find("[data-testid=initiative-clear]"));
    }

    [Fact]
    public async Task Render_UnknownTeamInAddress_SaysSoAndIgnoresIt()
    {
        await CreateAsync(InitiativeTestData.Payments());
        SignIn("grace.nwosu", PortalRole.Viewer);
        Navigation.NavigateTo("/initiatives?team=no-such-team");

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("no team 'no-such-team'", page.Find("[data-testid=initiative-filter-error]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Single(page.FindAll("[data-testid=initiative-list] tbody tr"));
    }
}
