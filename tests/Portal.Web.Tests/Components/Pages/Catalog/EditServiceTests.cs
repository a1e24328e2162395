using Bunit;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Security;
using Portal.Web.Components.Pages.Catalog;

namespace Portal.Web.Tests.Components.Pages.Catalog;

public sealed class EditServiceTests : ComponentTest
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await SeedDemoAsync();
    }

    private IRenderedComponent<EditService> RenderAs(string person, PortalRole role)
    {
        SignIn(person, role);
        Render<MudBlazor.MudPopoverProvider>();
        return Render<EditService>(p => p.Add(x => x.Name, "payments"));
    }

    [Fact]
    public void EditService_EditorOfAnotherTeam_IsToldWhoMayEdit()
    {
        var page = RenderAs("yusuf.demir", PortalRole.Editor);
        page.WaitForAssertion(() => Assert.Contains("Only the owning team (Payments Core) and admins", page.Find("[data-testid=edit-refused]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=edit-save]"));
    }

    [Fact]
    public async Task EditService_OwnerSaves_ChangesTheService()
    {
        var page = RenderAs("ada.okafor", PortalRole.Editor);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=edit-save]")));

        page.Find("input[data-testid=edit-title]").Change("Payments Engine");
        page.Find("form").Submit();

        await using var db = Db.CreateContext();
        page.WaitForAssertion(() => Assert.Equal("Payments Engine", db.Services.AsNoTracking().Single(s => s.Name == "payments").Title));
    }

    [Fact]
    public async Task EditService_SomeoneElseSavedMeanwhile_ShowsConflictAndKeepsTheForm()
    {
        var page = RenderAs("ada.okafor", PortalRole.Editor);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=edit-save]")));

        await using (var db = Db.CreateContext())
        {
            var service = await db.Services.SingleAsync(s => s.Name == "payments", Ct);
            service.SetTier(2);
            await db.SaveChangesAsync(Ct);
        }

        page.Find("input[data-testid=edit-title]").Change("Mine");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=edit-conflict]")));
        Assert.Equal("Mine", page.Find("input[data-testid=edit-title]").GetAttribute("value"));
        await using var check = Db.CreateContext();
        Assert.Equal(2, (await check.Services.SingleAsync(s => s.Name == "payments", Ct)).Tier);
        Assert.NotEqual("Mine", (await check.Services.SingleAsync(s => s.Name == "payments", Ct)).Title);
    }
}
