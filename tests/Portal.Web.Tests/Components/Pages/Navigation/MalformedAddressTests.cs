using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Domain.Security;
using Portal.Web.Components.Pages.Catalog;
using Portal.Web.Components.Pages.Debt;
using Portal.Web.Components.Pages.Graph;
using Portal.Web.Components.Pages.Initiatives;
using Portal.Web.Components.Pages.Search;

namespace Portal.Web.Tests.Components.Pages.Navigation;

/// <summary>
/// Addresses are shared and typed by hand: a number in the query that is not a number (or does not fit in one) must
/// not take the page down; the page opens as if the value were absent.
/// </summary>
public sealed class MalformedAddressTests : ComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Junk => ["abc", "99999999999", "1.5", "-", "%20"];

    private IRenderedComponent<TPage> Open<TPage>(string address)
        where TPage : IComponent
    {
        SignIn("local-admin", PortalRole.Admin);
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        Render<MudPopoverProvider>();
        Render<MudDialogProvider>();
        return Render<TPage>();
    }

    [Theory]
    [MemberData(nameof(Junk))]
    public async Task ServiceList_JunkNumbers_OpensTheFirstPage(string junk)
    {
        await SeedDemoAsync();

        var page = Open<ServiceList>($"/catalog?page={junk}&size={junk}&tier={junk}&desc={junk}");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=services-grid] tbody tr")), Wait);
    }

    [Theory]
    [MemberData(nameof(Junk))]
    public async Task DebtRegister_JunkNumbers_Opens(string junk)
    {
        await SeedDemoAsync();

        var page = Open<DebtRegister>($"/debt?page={junk}&size={junk}&desc={junk}");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("h1")), Wait);
    }

    [Theory]
    [MemberData(nameof(Junk))]
    public async Task DebtCandidates_JunkPage_Opens(string junk)
    {
        await SeedDemoAsync();

        var page = Open<DebtCandidatesPage>($"/debt/candidates?page={junk}");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("h1")), Wait);
    }

    [Theory]
    [MemberData(nameof(Junk))]
    public async Task Capacity_JunkPage_Opens(string junk)
    {
        await SeedDemoAsync();

        var page = Open<CapacityPage>($"/debt/capacity?page={junk}");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("h1")), Wait);
    }

    [Theory]
    [MemberData(nameof(Junk))]
    public async Task Initiatives_JunkPage_OpensTheFirstPage(string junk)
    {
        await SeedDemoAsync();

        var page = Open<InitiativesPage>($"/initiatives?page={junk}");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("h1")), Wait);
    }

    [Theory]
    [MemberData(nameof(Junk))]
    public async Task Search_JunkPage_OpensTheFirstPage(string junk)
    {
        await SeedDemoAsync();

        var page = Open<SearchPage>($"/search?q=payments&kind=service&page={junk}");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("h1")), Wait);
    }

    [Theory]
    [MemberData(nameof(Junk))]
    public async Task Graph_JunkDepth_UsesTheDefaultDepth(string junk)
    {
        await SeedDemoAsync();

        var page = Open<GraphPage>($"/graph?focus=payments&depth={junk}");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("h1")), Wait);
    }
}
