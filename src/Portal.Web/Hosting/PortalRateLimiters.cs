using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Portal.Web.Hosting;

/// <summary>
/// The two limiters every request passes (<see cref="RateLimitHosting"/> chains them): one per client address (the
/// API, sign-in and the webhook, each with its own rule) and one per API token. Fixed windows: a caller gets
/// <see cref="RateLimitRule.PermitLimit"/> requests, then waits for the next window, told how long by <c>Retry-After</c>.
/// </summary>
public sealed class PortalRateLimiters : IDisposable
{
    private readonly LimitsOptions _limits;

    public PortalRateLimiters(IOptions<LimitsOptions> limits)
    {
        _limits = limits.Value;
        ByAddress = PartitionedRateLimiter.Create<HttpContext, string>(ctx => AddressScope(ctx.Request.Path) is { } scope
            ? RateLimitPartition.GetFixedWindowLimiter($"{scope.Name}|{Address(ctx)}", _ => Options(scope.Rule))
            : RateLimitPartition.GetNoLimiter(string.Empty));
        ByToken = PartitionedRateLimiter.Create<HttpContext, string>(ctx => TokenKey(ctx) is { } token
            ? RateLimitPartition.GetFixedWindowLimiter(token, _ => Options(_limits.ApiPerToken))
            : RateLimitPartition.GetNoLimiter(string.Empty));
    }

    /// <summary>Per client address: <c>/api</c>, sign-in (<c>/auth/…</c> and the OpenID Connect callback) and <c>/webhooks</c>; nothing else.</summary>
    public PartitionedRateLimiter<HttpContext> ByAddress { get; }

    /// <summary>Per bearer token on <c>/api</c> (keyed by a hash of it, so no secret is held).</summary>
    public PartitionedRateLimiter<HttpContext> ByToken { get; }

    /// <summary>Which rule a refused request ran into, in words ("per API token") and as the rule.</summary>
    public (string Caller, RateLimitRule Rule) Refusal(HttpContext ctx)
    {
        if (TokenKey(ctx) is not null && ByToken.GetStatistics(ctx) is { CurrentAvailablePermits: <= 0 })
        {
            return ("for this API token", _limits.ApiPerToken);
        }

        return AddressScope(ctx.Request.Path) is { } scope ? ($"on {scope.Name} from this address", scope.Rule) : ("from this address", _limits.ApiPerAddress);
    }

    public void Dispose()
    {
        ByAddress.Dispose();
        ByToken.Dispose();
    }

    /// <summary>The caller's address as Portal sees it (behind a trusted proxy, the forwarded one).</summary>
    internal static string Address(HttpContext ctx) => ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private (string Name, RateLimitRule Rule)? AddressScope(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) ? ("the API", _limits.ApiPerAddress)
        : path.StartsWithSegments("/auth", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/signin-oidc", StringComparison.OrdinalIgnoreCase) ? ("sign-in", _limits.SignIn)
        : path.StartsWithSegments("/webhooks", StringComparison.OrdinalIgnoreCase) ? ("the webhook", _limits.Webhook)
        : null;

    private static string? TokenKey(HttpContext ctx)
    {
        if (!ctx.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var header = ctx.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            return null;
        }

        return "token|" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(header[7..].Trim())), 0, 16);
    }

    private static FixedWindowRateLimiterOptions Options(RateLimitRule rule) => new()
    {
        PermitLimit = rule.PermitLimit,
        Window = rule.Window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
