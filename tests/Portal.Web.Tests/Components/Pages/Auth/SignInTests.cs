using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Web.Components.Pages.Auth;
using Portal.Web.Hosting;

namespace Portal.Web.Tests.Components.Pages.Auth;

public sealed class SignInTests : ComponentTest
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton(Options.Create(new AuthOptions()));
        AddAuthorization();
    }

    [Fact]
    public void SignIn_EmptyCatalog_OffersOnlyTheLocalAdministrator()
    {
        var page = Render<SignIn>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=signin-local-admin]")));
        Assert.Equal("local-admin", page.Find("[data-testid=signin-local-admin]").GetAttribute("value"));
        Assert.Equal("/auth/local/signin", page.Find("form").GetAttribute("action"));
    }

    [Fact]
    public async Task SignIn_WithPeople_ListsThemAndHidesTheLocalAdministrator()
    {
        await SeedDemoAsync();
        var page = Render<SignIn>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid='signin-erik.johansson']")));
        Assert.Empty(page.FindAll("[data-testid=signin-local-admin]"));
    }

    [Fact]
    public void SignIn_AfterRefusedLocalAdmin_ExplainsWhy()
    {
        var nav = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        nav.NavigateTo("/signin?error=local-admin");
        var page = Render<SignIn>();
        page.WaitForAssertion(() => Assert.Contains("only available while the catalog has no people", page.Find("[data-testid=signin-error]").TextContent, StringComparison.Ordinal));
    }
}
