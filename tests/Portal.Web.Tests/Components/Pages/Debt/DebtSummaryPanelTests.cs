using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Domain.Catalog;
using Portal.Domain.Debt;
using Portal.Domain.Security;
using Portal.Web.Components.Pages.Catalog;
using Portal.Web.Components.Pages.Debt;
using Portal.Web.Components.Pages.Teams;

namespace Portal.Web.Tests.Components.Pages.Debt;

/// <summary>A service's and a team's open debt on their own pages, and the "Log debt" link that opens the register's form.</summary>
public sealed class DebtSummaryPanelTests : ComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static readonly DebtStatus[] Open = [DebtStatus.Proposed, DebtStatus.Accepted, DebtStatus.Planned, DebtStatus.InProgress];

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task ServicePage_DemoServiceWithDebt_ShowsCountCostAndTopItemsByPriority()
    {
        SignIn("lina.haddad", PortalRole.Viewer);
        await SeedWholeDemoAsync();
        await using var db = Db.CreateContext();
        var open = await db.DebtItems.AsNoTracking()
            .Where(i => Open.Contains(i.Status) && i.Services.Any(s => s.Service.Name == "payments" && s.Service.Namespace == "default"))
            .Select(i => new { i.Id, i.CostOfDelay, i.Priority }).ToListAsync(Ct);
        Assert.NotEmpty(open);

        var page = Render<ServiceDetails>(p => p.Add(x => x.Name, "payments"));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=debt-summary-totals]")), Wait);
        var totals = page.Find("[data-testid=debt-summary-totals]").TextContent;
        Assert.Contains($"{open.Count} open item", totals, StringComparison.Ordinal);
        Assert.Contains($"{DebtFormat.Hours(open.Sum(o => o.CostOfDelay))} h cost of delay per quarter", totals, StringComparison.Ordinal);
        var expectedTop = open.OrderByDescending(o => o.Priority).ThenBy(o => o.Id).Take(3).Select(o => (string?)$"/debt/{o.Id}").ToList();
        var shown = page.FindAll("[data-testid=debt-summary-item] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(expectedTop, shown);
        Assert.Equal("/debt?service=payments", page.Find("[data-testid=debt-summary-register]").GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=debt-summary-log]"));
    }

    [Fact]
    public async Task ServicePage_NoDebtAndAViewer_SaysSoAndWhoCanLogIt()
    {
        await AddServiceAsync("quiet-svc", "Quiet service");
        SignIn("someone", PortalRole.Viewer);

        var page = Render<ServiceDetails>(p => p.Add(x => x.Name, "quiet-svc"));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=debt-summary-empty]")), Wait);
        var empty = page.Find("[data-testid=debt-summary-empty]").TextContent;
        Assert.Contains("No open debt is logged against Quiet service.", empty, StringComparison.Ordinal);
        Assert.Contains("Editors of the owning team and admins can log", empty, StringComparison.Ordinal);
        Assert.Equal("/debt/candidates?service=quiet-svc", page.Find("[data-testid=debt-summary-empty] a").GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=debt-summary-log]"));
        Assert.Empty(page.FindAll("[data-testid=debt-summary-register]"));
    }

    [Fact]
    public async Task ServicePage_NoDebtAndAnAdmin_OffersToLogDebtForTheService()
    {
        await AddServiceAsync("quiet-svc", "Quiet service");
        SignIn("local-admin", PortalRole.Admin);

        var page = Render<ServiceDetails>(p => p.Add(x => x.Name, "quiet-svc"));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=debt-summary-log]")), Wait);
        Assert.Equal("/debt?service=quiet-svc&log=new", page.Find("[data-testid=debt-summary-log]").GetAttribute("href"));
        Assert.Equal("Log debt for Quiet service", page.Find("[data-testid=debt-summary-log]").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task TeamPage_MemberEditor_SeesTheTeamsDebtAndMayLogIt()
    {
        SignIn("ada.okafor", PortalRole.Editor);
        await SeedWholeDemoAsync();
        await using var db = Db.CreateContext();
        var count = await db.DebtItems.CountAsync(i => Open.Contains(i.Status) && i.OwnerTeam!.Name == "payments-core", Ct);

        var page = Render<TeamDetails>(p => p.Add(x => x.Name, "payments-core"));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=debt-summary-totals]")), Wait);
        Assert.Contains($"{count} open item", page.Find("[data-testid=debt-summary-totals]").TextContent, StringComparison.Ordinal);
        Assert.Equal(3, page.FindAll("[data-testid=debt-summary-item]").Count);
        Assert.Equal("/debt?team=payments-core&log=new", page.Find("[data-testid=debt-summary-log]").GetAttribute("href"));
        Assert.Equal($"See all {count} items in the register", page.Find("[data-testid=debt-summary-all]").TextContent.Trim());
    }

    [Fact]
    public async Task TeamPage_EditorOfAnotherTeam_SeesTheDebtButNoLogButton()
    {
        SignIn("yusuf.demir", PortalRole.Editor);
        await SeedWholeDemoAsync();

        var page = Render<TeamDetails>(p => p.Add(x => x.Name, "payments-core"));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=debt-summary-totals]")), Wait);
        Assert.Empty(page.FindAll("[data-testid=debt-summary-log]"));
    }

    [Fact]
    public async Task Register_LogLinkFromATeamPage_OpensTheFormWithTheTeamAccountableAndDropsLogFromTheAddress()
    {
        SignIn("ada.okafor", PortalRole.Editor);
        await SeedWholeDemoAsync();
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/debt?team=payments-core&log=new");
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();

        Render<DebtRegister>();

        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("button[data-testid=debt-save]")), Wait);
        Assert.Contains("payments-core", dialogs.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("log=", navigation.Uri, StringComparison.Ordinal);
        Assert.Contains("team=payments-core", navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_LogLinkFromAServicePage_OpensTheFormWithTheServiceFilledIn()
    {
        SignIn("ada.okafor", PortalRole.Editor);
        await SeedWholeDemoAsync();
        Services.GetRequiredService<NavigationManager>().NavigateTo("/debt?service=payments&log=new");
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();

        Render<DebtRegister>();

        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("[data-testid=debt-service-chips]")), Wait);
        Assert.Contains("payments", dialogs.Find("[data-testid=debt-service-chips]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_LogLinkOpenedByAViewer_OpensNoForm()
    {
        SignIn("lina.haddad", PortalRole.Viewer);
        await SeedWholeDemoAsync();
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/debt?service=payments&log=new");
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();

        var page = Render<DebtRegister>();

        page.WaitForAssertion(() => Assert.DoesNotContain("log=", navigation.Uri, StringComparison.Ordinal), Wait);
        Assert.Empty(dialogs.FindAll("button[data-testid=debt-save]"));
    }

    /// <summary>The whole demo company, its debt included (sign in first: seeding reads the services).</summary>
    private Task SeedWholeDemoAsync() => Services.GetRequiredService<Portal.Ingest.Demo.DemoSeeder>().SeedAsync(Ct);

    private async Task AddServiceAsync(string name, string title)
    {
        await using var db = Db.CreateContext();
        var team = new Team("quiet-team", "Quiet team");
        var service = new Service(name, title);
        service.AssignOwner(team);
        db.Teams.Add(team);
        db.Services.Add(service);
        await db.SaveChangesAsync(Ct);
    }
}
