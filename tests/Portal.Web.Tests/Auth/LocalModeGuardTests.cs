using Microsoft.Extensions.Configuration;
using Portal.Web.Auth;
using Portal.Web.Hosting;

namespace Portal.Web.Tests.Auth;

public class LocalModeGuardTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Theory]
    [InlineData("http://localhost:5000")]
    [InlineData("http://127.0.0.1:0")]
    [InlineData("https://[::1]:5001")]
    [InlineData("http://localhost:5000;https://localhost:5001")]
    public void NonLoopbackBindings_LoopbackOnly_IsEmpty(string urls) =>
        Assert.Empty(LocalModeGuard.NonLoopbackBindings(Config(("urls", urls))));

    [Theory]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://*:8080")]
    [InlineData("http://+:80")]
    [InlineData("http://[::]:8080")]
    [InlineData("http://10.1.2.3:8080")]
    [InlineData("http://localhost:5000;http://portal.internal:80")]
    public void NonLoopbackBindings_NetworkAddress_IsReported(string urls) =>
        Assert.NotEmpty(LocalModeGuard.NonLoopbackBindings(Config(("urls", urls))));

    [Fact]
    public void NonLoopbackBindings_HttpPortsAsInContainers_IsReported() =>
        Assert.Equal(["http://*:8080"], LocalModeGuard.NonLoopbackBindings(Config(("http_ports", "8080"))));

    [Fact]
    public void NonLoopbackBindings_KestrelEndpoint_IsReported() =>
        Assert.Single(LocalModeGuard.NonLoopbackBindings(Config(("Kestrel:Endpoints:Http:Url", "http://0.0.0.0:5000"))));

    [Fact]
    public void NonLoopbackBindings_NothingConfigured_IsEmpty() =>
        Assert.Empty(LocalModeGuard.NonLoopbackBindings(Config()));

    [Theory]
    [InlineData("/catalog", "/catalog")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData(null, "/")]
    public void SafeReturnUrl_OnlyLocalPaths(string? input, string expected) =>
        Assert.Equal(expected, AuthEndpoints.SafeReturnUrl(input));

    [Theory]
    [InlineData(new[] { "portal-admin", "dev" }, "Admin")]
    [InlineData(new[] { "PORTAL-EDITOR" }, "Editor")]
    [InlineData(new[] { "something-else" }, "Viewer")]
    [InlineData(new string[0], "Viewer")]
    public void OidcRoles_MapClaimValues(string[] values, string expected) =>
        Assert.Equal(expected, OidcRoles.Map(values, new OidcOptions()).ToString());
}
