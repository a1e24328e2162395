using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Security.Queries;
using Portal.Web.Auth;
using Portal.Web.Hosting;

namespace Portal.Web.Tests.Auth;

public sealed class SessionCookieEventsTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private SessionCookieEvents Events(AuthMode mode = AuthMode.Local, int maxHours = 24) =>
        new(Options.Create(new AuthOptions { Mode = mode, SessionMaxHours = maxHours }), _clock, new PrincipalRefresher(new ActorDirectory(null!)),
            new LocalModePeerCheck(false, new ContainerNetwork(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build())), NullLogger<SessionCookieEvents>.Instance,
            null!);

    private AuthenticationProperties SignedIn(string mode = "Local") => new(new Dictionary<string, string?>
    {
        [SessionCookieEvents.SignedInAtKey] = _clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
        [SessionCookieEvents.ModeKey] = mode,
    });

    [Fact]
    public void RejectionReason_WithinTheAbsoluteLifetime_IsNull()
    {
        var properties = SignedIn();
        _clock.Advance(TimeSpan.FromHours(23.9));
        Assert.Null(Events().RejectionReason(properties));
    }

    [Fact]
    public void RejectionReason_PastTheAbsoluteLifetime_NamesIt()
    {
        var properties = SignedIn();
        _clock.Advance(TimeSpan.FromHours(24.1));
        Assert.Contains("more than 24 h ago", Events().RejectionReason(properties), StringComparison.Ordinal);
    }

    [Fact]
    public void RejectionReason_IssuedUnderAnotherMode_NamesBoth()
    {
        var reason = Events(AuthMode.Oidc).RejectionReason(SignedIn("Local"));
        Assert.Contains("Local", reason, StringComparison.Ordinal);
        Assert.Contains("Oidc", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectionReason_CookieWithoutSignInTime_IsRejected()
    {
        var properties = new AuthenticationProperties(new Dictionary<string, string?> { [SessionCookieEvents.ModeKey] = "Local" });
        Assert.NotNull(Events().RejectionReason(properties));
    }
}
