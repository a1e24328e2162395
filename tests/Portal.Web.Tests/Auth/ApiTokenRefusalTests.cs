using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Security;
using Portal.Domain.Security.Commands;
using Portal.Testing;

namespace Portal.Web.Tests.Auth;

/// <summary>A refused API token answers 401 saying why (expired when, revoked, unknown), in the body and in <c>WWW-Authenticate</c>.</summary>
public sealed class ApiTokenRefusalTests : IAsyncLifetime
{
    private static readonly Actor Admin = new("test", "Test", PortalRole.Admin, new HashSet<Guid>());

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
    private PortalWebFactory _factory = null!;

    public async ValueTask InitializeAsync() =>
        _factory = await PortalWebFactory.CreateAsync(TestProvider.Sqlite, b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock)));

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ApiTokenService Tokens => _factory.Services.GetRequiredService<ApiTokenService>();

    [Fact]
    public async Task Api_ExpiredToken_Answers401SayingWhenItExpired()
    {
        var (_, secret) = await Tokens.CreateAsync(Admin, "nightly-export", PortalRole.Viewer, TimeSpan.FromDays(7), Ct);
        var client = _factory.CreateClient(secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/services", Ct)).StatusCode);

        _clock.Advance(TimeSpan.FromDays(7));
        var response = await client.GetAsync("/api/v1/services", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("'nightly-export' expired on 2026-12-13 09:00 UTC", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var challenge = response.Headers.WwwAuthenticate.Single().ToString();
        Assert.Contains("error=\"invalid_token\"", challenge, StringComparison.Ordinal);
        Assert.Contains("expired on 2026-12-13", challenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_RevokedToken_Answers401SayingSo()
    {
        var (token, secret) = await Tokens.CreateAsync(Admin, "old-ci", PortalRole.Viewer, Ct);
        await Tokens.RevokeAsync(Admin, token.Id, Ct);

        var response = await _factory.CreateClient(secret).GetAsync("/api/v1/teams", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("'old-ci' was revoked", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_NoToken_Answers401SayingHowToSendOne()
    {
        var response = await _factory.CreateClient().GetAsync("/api/v1/services", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("Authorization: Bearer", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
