using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;
using Portal.Web.Hosting;

namespace Portal.Web.Auth;

/// <summary>
/// Who is signed in, for an open Blazor circuit. A circuit can stay open for hours after its cookie was read, so
/// every <c>Auth:RoleRefreshMinutes</c> it re-reads the person's role (<see cref="PrincipalRefresher"/>): a demoted
/// admin's open pages stop offering admin actions within minutes, and someone removed from the catalog is signed out.
/// At the same ticks it ends the session of an open page <c>Auth:SessionMaxHours</c> after sign-in, as the cookie does
/// for requests.
/// </summary>
public sealed class PortalAuthenticationStateProvider : ServerAuthenticationStateProvider, IDisposable
{
    private readonly PrincipalRefresher _refresher;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _maxSession;
    private readonly ILogger<PortalAuthenticationStateProvider> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private ITimer? _timer;
    private int _refreshing;

    public PortalAuthenticationStateProvider(
        PrincipalRefresher refresher, TimeProvider clock, IOptions<AuthOptions> options, ILogger<PortalAuthenticationStateProvider> logger)
    {
        _refresher = refresher;
        _clock = clock;
        _interval = TimeSpan.FromMinutes(options.Value.RoleRefreshMinutes);
        _maxSession = TimeSpan.FromHours(options.Value.SessionMaxHours);
        _logger = logger;
        AuthenticationStateChanged += _ => _timer ??= _clock.CreateTimer(_ => _ = RefreshAsync(), null, _interval, _interval);
    }

    /// <summary>Re-reads the signed-in person now; the timer calls it every interval.</summary>
    public async Task RefreshAsync()
    {
        if (Interlocked.Exchange(ref _refreshing, 1) == 1)
        {
            return;
        }

        try
        {
            var user = (await GetAuthenticationStateAsync()).User;
            if (user.Identity?.IsAuthenticated != true)
            {
                return;
            }

            if (SessionEnded(user))
            {
                _logger.LogInformation("Open session of {Person} ended: signed in more than {Hours} h ago", user.FindFirstValue(ClaimTypes.NameIdentifier), _maxSession.TotalHours);
                SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
                return;
            }

            var refreshed = await _refresher.RefreshAsync(user, _stopping.Token);
            if (!ReferenceEquals(refreshed, user))
            {
                _logger.LogInformation(
                    "Open session of {Person} updated: role {Role}", user.FindFirstValue(ClaimTypes.NameIdentifier), refreshed is null ? "(signed out)" : PortalClaims.RoleOf(refreshed));
                SetAuthenticationState(Task.FromResult(new AuthenticationState(refreshed ?? new ClaimsPrincipal(new ClaimsIdentity()))));
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // The database may be briefly away: keep the current state and try again at the next tick.
            _logger.LogWarning(ex, "Could not re-read the signed-in person's role; trying again in {Interval}", _interval);
        }
        finally
        {
            Interlocked.Exchange(ref _refreshing, 0);
        }
    }

    /// <summary>
    /// True when the session began more than <c>Auth:SessionMaxHours</c> ago, or when its start is unknown (every
    /// cookie-borne principal carries <see cref="PortalClaims.SignedInAt"/>, so a missing one is not trusted).
    /// </summary>
    private bool SessionEnded(ClaimsPrincipal user) =>
        !DateTimeOffset.TryParse(PortalClaims.Own(user, PortalClaims.SignedInAt), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var signedInAt)
        || _clock.GetUtcNow() - signedInAt > _maxSession;

    public void Dispose()
    {
        _timer?.Dispose();
        _stopping.Cancel();
        _stopping.Dispose();
    }
}
