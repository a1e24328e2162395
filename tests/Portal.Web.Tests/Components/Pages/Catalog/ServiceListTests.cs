using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Catalog;
using Portal.Domain.Security;
using Portal.Web.Components.Pages.Catalog;

namespace Portal.Web.Tests.Components.Pages.Catalog;

public sealed class ServiceListTests : ComponentTest
{
    [Fact]
    public async Task ServiceList_OwnerHeaderClicked_SortsByOwnerInTheDatabaseAndSaysSoInTheAddress()
    {
        await using (var db = Db.CreateContext())
        {
            var zeta = new Team("zeta-team");
            var alpha = new Team("alpha-team");
            db.Teams.AddRange(zeta, alpha);
            foreach (var (name, owner) in new[] { ("a-service", zeta), ("b-service", alpha), ("c-service", zeta) })
            {
                var service = new Service(name);
                service.AssignOwner(owner);
                db.Services.Add(service);
            }

            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }

        SignIn("someone", PortalRole.Viewer);
        var page = Render<ServiceList>();
        page.WaitForAssertion(() => Assert.Equal(["a-service", "b-service", "c-service"], Names(page)));

        var ownerHeader = page.FindAll("th").First(th => th.TextContent.Contains("Owner", StringComparison.Ordinal));
        ownerHeader.QuerySelector(".sortable-column-header")!.Click();

        page.WaitForAssertion(() => Assert.Equal("b-service", Names(page)[0]));
        Assert.Contains("sort=owner", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PortalRole.Admin, true)]
    [InlineData(PortalRole.Editor, false)]
    [InlineData(PortalRole.Viewer, false)]
    public void ServiceList_Role_OffersImportOnlyToAdmins(PortalRole role, bool offered)
    {
        SignIn("someone", role);

        var page = Render<ServiceList>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("h1")));
        Assert.Equal(offered, page.FindAll("a[data-testid=catalog-import][href='/catalog/import']").Count == 1);
    }

    private static List<string> Names(IRenderedComponent<ServiceList> page) =>
        [.. page.FindAll("[data-testid=services-grid] tbody tr td:first-child a").Select(a => a.TextContent.Trim())];
}
