using Microsoft.Extensions.Configuration;
using Portal.Web.Hosting;

namespace Portal.Web.Tests.Hosting;

/// <summary>When the web app refuses to start in Local mode, containers included.</summary>
public sealed class LocalModeExposureTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Exposed_LocalModeOnEveryInterface_NamesTheAddress()
    {
        var exposed = LocalModeExposure.Exposed(Config(("Auth:Mode", "Local"), ("urls", "http://+:8080")));

        Assert.Equal(["http://+:8080"], exposed);
        Assert.Contains("Edge:PublishedAddress=127.0.0.1", LocalModeExposure.RefusalMessage(exposed), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("localhost")]
    public void Exposed_ContainerPublishedOnLoopback_IsEmpty(string published) =>
        Assert.Empty(LocalModeExposure.Exposed(Config(("Auth:Mode", "Local"), ("urls", "http://+:8080"), ("Edge:PublishedAddress", published), ("DOTNET_RUNNING_IN_CONTAINER", "true"))));

    [Theory]
    [InlineData(null)]
    [InlineData("false")]
    public void Exposed_PublishedOnLoopbackOutsideAContainer_IsRefused(string? inContainer)
    {
        (string, string)[] settings = inContainer is null
            ? [("Auth:Mode", "Local"), ("urls", "http://+:8080"), ("Edge:PublishedAddress", "127.0.0.1")]
            : [("Auth:Mode", "Local"), ("urls", "http://+:8080"), ("Edge:PublishedAddress", "127.0.0.1"), ("DOTNET_RUNNING_IN_CONTAINER", inContainer)];

        Assert.Equal(["http://+:8080"], LocalModeExposure.Exposed(Config(settings)));
    }

    [Fact]
    public void AllowedOnlyByPublishedAddress_ContainerPublishedOnLoopback_IsTrue() =>
        Assert.True(LocalModeExposure.AllowedOnlyByPublishedAddress(Config(("Auth:Mode", "Local"), ("urls", "http://+:8080"), ("Edge:PublishedAddress", "127.0.0.1"), ("DOTNET_RUNNING_IN_CONTAINER", "true"))));

    [Theory]
    [InlineData("Auth:AllowLocalModeOnNetwork", "true")]
    [InlineData("urls", "http://127.0.0.1:8080")]
    [InlineData("Auth:Mode", "Oidc")]
    public void AllowedOnlyByPublishedAddress_AllowedForAnotherReason_IsFalse(string key, string value)
    {
        var settings = new Dictionary<string, string>
        {
            ["Auth:Mode"] = "Local", ["urls"] = "http://+:8080", ["Edge:PublishedAddress"] = "127.0.0.1", ["DOTNET_RUNNING_IN_CONTAINER"] = "true",
        };
        settings[key] = value;

        Assert.False(LocalModeExposure.AllowedOnlyByPublishedAddress(Config([.. settings.Select(s => (s.Key, s.Value))])));
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("10.1.2.3")]
    public void Exposed_ContainerPublishedOnTheNetwork_IsRefused(string published) =>
        Assert.NotEmpty(LocalModeExposure.Exposed(Config(("Auth:Mode", "Local"), ("urls", "http://+:8080"), ("Edge:PublishedAddress", published), ("DOTNET_RUNNING_IN_CONTAINER", "true"))));

    [Fact]
    public void Exposed_RiskAcceptedExplicitly_IsEmpty() =>
        Assert.Empty(LocalModeExposure.Exposed(Config(("Auth:Mode", "Local"), ("urls", "http://+:8080"), ("Edge:PublishedAddress", "0.0.0.0"), ("Auth:AllowLocalModeOnNetwork", "true"))));

    [Fact]
    public void Exposed_OidcMode_IsEmpty() =>
        Assert.Empty(LocalModeExposure.Exposed(Config(("Auth:Mode", "Oidc"), ("urls", "http://+:8080"))));
}
