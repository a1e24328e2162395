using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Security;
using Portal.Web.Components.Pages.Debt;

namespace Portal.Web.Tests.Components.Pages.Debt;

public sealed class CapacityPageTests : ComponentTest
{
    // A quarter far enough ahead that nothing else (the demo's own debt) is planned for it.
    private static readonly Quarter Planning = new(2031, 1);

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private async Task PlanPaymentsAsync(double plannedDays)
    {
        await Services.GetRequiredService<CapacityCommands>().SetAsync(
            Actor.System, "payments-core", Planning, new CapacityEdit(5, 60, 20, DebtAllocationMode.EverySprint), null, Ct);
        await Services.GetRequiredService<DebtCommands>().CreateAsync(
            Actor.System,
            DebtPrefill.ForService("payments") with { Title = "Capacity test: settlement batch has no retry budget", EffortDays = plannedDays, Status = DebtStatus.Planned, TargetQuarter = Planning.ToString() },
            ct: Ct);
    }

    private IRenderedComponent<CapacityPage> RenderAt(string query)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/debt/capacity{query}");
        Render<MudPopoverProvider>();
        return Render<CapacityPage>();
    }

    [Fact]
    public async Task Render_TeamPlannedBelowItsShare_ShowsItUnderItsTwentyPercentInTextAndChart()
    {
        await SeedDemoAsync();
        SignIn("val", PortalRole.Viewer);
        await PlanPaymentsAsync(40);

        var page = RenderAt($"?quarter={Planning}");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=capacity-row][data-team=payments-core]")));
        var row = page.Find("[data-testid=capacity-row][data-team=payments-core]");
        Assert.Contains("Under its 20% by 20 d", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("300", row.TextContent, StringComparison.Ordinal);
        var chart = page.Find("[data-testid=capacity-chart][data-team=payments-core]");
        Assert.Contains("Reserved for debt: 60 d", chart.TextContent, StringComparison.Ordinal);
        Assert.Contains("Planned (1 item(s)): 40 d", chart.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=capacity-edit]"));
    }

    [Fact]
    public async Task Render_NoTeamsOrDebt_ShowsTheEmptyState()
    {
        SignIn("val", PortalRole.Viewer);

        var page = RenderAt("");

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=capacity-empty]")));
    }

    [Fact]
    public async Task Render_QuarterNotUnderstood_SaysSoAndShowsThisQuarter()
    {
        SignIn("val", PortalRole.Viewer);

        var page = RenderAt("?quarter=soon");

        page.WaitForAssertion(() => Assert.Contains("'soon' is not a quarter", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PlanCapacity_EditorOfTheTeam_BadShareIsNamedThenSavedAndShown()
    {
        await SeedDemoAsync();
        SignIn("ada.okafor", PortalRole.Editor);
        await PlanPaymentsAsync(40);
        var provider = Render<MudDialogProvider>();
        var page = RenderAt($"?quarter={Planning}");
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=capacity-edit]")));

        page.Find("[data-testid=capacity-edit]").Click();
        provider.WaitForAssertion(() => Assert.NotNull(provider.Find("input[data-testid=capacity-share]")));
        provider.Find("input[data-testid=capacity-share]").Change("150");
        provider.Find("button[data-testid=capacity-save]").Click();
        provider.WaitForAssertion(() => Assert.Contains("must be between 0 and 100", provider.Markup, StringComparison.Ordinal));

        provider.Find("input[data-testid=capacity-share]").Change("10");
        provider.Find("button[data-testid=capacity-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("Over its 10% by 10 d", page.Find("[data-testid=capacity-row][data-team=payments-core]").TextContent, StringComparison.Ordinal));
        await using var db = Db.CreateContext();
        Assert.Equal((10d, 1), ((await db.TeamCapacities.SingleAsync(Ct)).DebtSharePercent, (await db.TeamCapacities.SingleAsync(Ct)).Version));
    }

    [Fact]
    public async Task PlanCapacity_EditorDemotedAfterTheDialogOpened_RefusedAuditedAndNothingSaved()
    {
        await SeedDemoAsync();
        SignIn("ada.okafor", PortalRole.Editor);
        await PlanPaymentsAsync(40);
        var provider = Render<MudDialogProvider>();
        var page = RenderAt($"?quarter={Planning}");
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=capacity-edit]")));
        page.Find("[data-testid=capacity-edit]").Click();
        provider.WaitForAssertion(() => Assert.NotNull(provider.Find("input[data-testid=capacity-share]")));
        provider.Find("input[data-testid=capacity-share]").Change("10");

        // Demoted while the dialog is open: the save acts as who Ada is now, not as the page loaded her.
        await using (var change = Db.CreateContext())
        {
            (await change.People.SingleAsync(p => p.Name == "ada.okafor", Ct)).SetRole(PortalRole.Viewer);
            await change.SaveChangesAsync(Ct);
        }

        provider.Find("button[data-testid=capacity-save]").Click();

        provider.WaitForAssertion(() => Assert.Contains("Viewers may look at capacity but not change it", provider.Markup, StringComparison.Ordinal));
        await using var db = Db.CreateContext();
        Assert.Equal(20d, (await db.TeamCapacities.SingleAsync(Ct)).DebtSharePercent);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "debt.capacity.denied" && a.Actor == "ada.okafor" && !a.Succeeded, Ct));
    }
}
