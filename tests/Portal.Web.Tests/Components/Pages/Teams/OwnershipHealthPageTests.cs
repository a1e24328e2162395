using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Domain.Catalog.Queries;
using Portal.Domain.Security;
using Portal.Web.Components.Pages.Teams;

namespace Portal.Web.Tests.Components.Pages.Teams;

public sealed class OwnershipHealthPageTests : ComponentTest
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton(Options.Create(new OwnershipThresholds()));
        SignIn("someone", PortalRole.Viewer);
    }

    [Fact]
    public void OwnershipHealth_EmptyCatalog_SaysAllIsWell()
    {
        var page = Render<OwnershipHealthPage>();
        page.WaitForAssertion(() => Assert.Contains("Every service has an owner", page.Find("[data-testid=empty-state]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task OwnershipHealth_Demo_ListsUnownedServicesWithALinkToTheFix()
    {
        await SeedDemoAsync();
        var page = Render<OwnershipHealthPage>();
        page.WaitForAssertion(() => Assert.Contains("CSV Customer Importer", page.Find("[data-testid=ownership-findings]").TextContent, StringComparison.Ordinal));
        Assert.Contains(page.FindAll("a"), a => a.GetAttribute("href") == "/catalog/csv-importer/edit");
    }
}
