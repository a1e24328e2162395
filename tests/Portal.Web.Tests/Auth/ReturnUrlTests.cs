using Portal.Web.Auth;

namespace Portal.Web.Tests.Auth;

public sealed class ReturnUrlTests
{
    [Theory]
    [InlineData("/\t/evil.example")] // %2F%09%2Fevil: browsers drop the tab and go to //evil.example
    [InlineData("/\n/evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("https://evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("~//evil.example")]
    [InlineData("")]
    [InlineData(null)]
    public void SafeReturnUrl_NotLocal_GoesHome(string? returnUrl) =>
        Assert.Equal("/", AuthEndpoints.SafeReturnUrl(returnUrl));

    [Theory]
    [InlineData("/catalog")]
    [InlineData("/catalog?q=ledger&page=2")]
    [InlineData("/services/payments#owners")]
    public void SafeReturnUrl_LocalPath_IsKept(string returnUrl) =>
        Assert.Equal(returnUrl, AuthEndpoints.SafeReturnUrl(returnUrl));
}
