using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Catalog.Commands;
using Portal.Domain.Security;
using Portal.Web.Components.Pages.Catalog;

namespace Portal.Web.Tests.Components.Pages.Catalog;

public sealed class EditDependenciesTests : ComponentTest
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton<DependencyCommands>();
        await SeedDemoAsync();
    }

    private IRenderedComponent<EditDependencies> RenderAs(string person, PortalRole role)
    {
        SignIn(person, role);
        Render<MudBlazor.MudPopoverProvider>();
        return Render<EditDependencies>(p => p.Add(x => x.Name, "payments"));
    }

    [Fact]
    public void EditDependencies_Owner_SeesEveryEdgeOfTheService()
    {
        var page = RenderAs("ada.okafor", PortalRole.Editor);
        page.WaitForAssertion(() => Assert.Contains("ledger", page.Find("[data-testid=deps-table]").TextContent, StringComparison.Ordinal));
        Assert.Contains("resource:payments-db", page.Find("[data-testid=deps-table]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditDependencies_OwnerSavesRow_WritesTheEdge()
    {
        var page = RenderAs("ada.okafor", PortalRole.Editor);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid='deps-save-ledger']")));

        await page.Find("[data-testid='deps-save-ledger']").ClickAsync(new());

        await using var db = Db.CreateContext();
        page.WaitForAssertion(() => Assert.True(db.AuditEntries.AsNoTracking().Any(a => a.Action == "dependency.update" && a.EntityKey == "payments->ledger")));
    }

    [Fact]
    public void EditDependencies_EditorOfAnotherTeam_IsRefused()
    {
        var page = RenderAs("yusuf.demir", PortalRole.Editor);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=deps-refused]")));
    }
}
