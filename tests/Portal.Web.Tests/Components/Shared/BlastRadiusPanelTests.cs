using Bunit;
using Portal.Domain.Catalog;
using Portal.Domain.Security;
using Portal.Web.Components.Pages.Catalog;
using Portal.Web.Components.Shared;

namespace Portal.Web.Tests.Components.Shared;

public sealed class BlastRadiusPanelTests : ComponentTest
{
    /// <summary>Seeding the demo and analysing its graph takes a while when the whole suite runs in parallel.</summary>
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        SignIn("someone", PortalRole.Viewer);
    }

    [Fact]
    public async Task BlastRadiusPanel_DemoPayments_ListsDirectDependentsWithTheirPath()
    {
        await SeedDemoAsync();
        var panel = Render<BlastRadiusPanel>(p => p.Add(x => x.ServiceRef, "payments"));

        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("[data-testid=blast-radius-direct]")), Wait);
        var direct = panel.Find("[data-testid=blast-radius-direct]");
        foreach (var caller in new[] { "Disputes", "Invoices", "Payment Orchestrator", "Payouts", "Refunds", "Subscriptions" })
        {
            Assert.Contains(caller, direct.TextContent, StringComparison.Ordinal);
        }

        Assert.Contains(direct.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/catalog/disputes");
        Assert.Contains("pay-portal → api-gateway", panel.Find("[data-testid=blast-radius-transitive]").TextContent, StringComparison.Ordinal);
        Assert.Equal("/graph?focus=payments&highlight=blast", panel.Find("[data-testid=blast-radius-graph]").GetAttribute("href"));
    }

    [Fact]
    public async Task BlastRadiusPanel_FollowAsyncSwitched_CountsAtLeastAsMany()
    {
        await SeedDemoAsync();
        var panel = Render<BlastRadiusPanel>(p => p.Add(x => x.ServiceRef, "payments"));
        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("[data-testid=blast-radius-count]")), Wait);
        var before = int.Parse(panel.Find("[data-testid=blast-radius-count]").TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture);

        panel.FindAll("input[type=checkbox]")[0].Change(true);

        panel.WaitForAssertion(() => Assert.True(
            int.Parse(panel.Find("[data-testid=blast-radius-count]").TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture) >= before), Wait);
    }

    [Fact]
    public void BlastRadiusPanel_ServiceNotInGraph_SaysSo()
    {
        var panel = Render<BlastRadiusPanel>(p => p.Add(x => x.ServiceRef, "ghost"));
        panel.WaitForAssertion(() => Assert.Contains("not in the dependency graph", panel.Find("[data-testid=blast-radius]").TextContent, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task ServiceDetails_DemoPayments_ShowsWhatBreaks()
    {
        await SeedDemoAsync();
        var page = Render<ServiceDetails>(p => p.Add(x => x.Name, "payments"));
        page.WaitForAssertion(() => Assert.Contains("pay-portal", page.Find("[data-testid=blast-radius]").TextContent, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task BlastRadiusPanel_ServiceNobodyCalls_SaysNothingBreaks()
    {
        await using (var db = Db.CreateContext())
        {
            var a = new Service("a");
            var b = new Service("b");
            db.Services.AddRange(a, b);
            db.Dependencies.Add(Dependency.ToService(a, b, InteractionKind.SyncHttp));
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }

        var panel = Render<BlastRadiusPanel>(p => p.Add(x => x.ServiceRef, "a"));
        panel.WaitForAssertion(() => Assert.Equal("0", panel.Find("[data-testid=blast-radius-count]").TextContent.Trim()), Wait);
        Assert.Empty(panel.FindAll("[data-testid=blast-radius-direct]"));
    }
}
