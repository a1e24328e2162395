using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Portal.Domain.Common;

namespace Portal.Web.Hosting;

/// <summary>
/// The two limiters every request passes (<see cref="RateLimitHosting"/> chains them): one per client address (the
/// API, sign-in and the webhook, each with its own rule) and one per API token. Fixed windows: a caller gets
/// <see cref="RateLimitRule.PermitLimit"/> requests, then waits for the next window, told how long by <c>Retry-After</c>.
/// An IPv6 client is keyed by its /64 (one host usually holds a whole /64 and could otherwise take a fresh address for
/// every request). Each limiter is wrapped in a <see cref="RefusalFlaggingLimiter"/>, so a refusal is explained
/// without creating partitions.
/// </summary>
public sealed class PortalRateLimiters : IDisposable
{
    private const string AddressLimiter = "address";
    private const string TokenLimiter = "token";

    private readonly LimitsOptions _limits;
    private int _tokenPartitions;

    public PortalRateLimiters(IOptions<LimitsOptions> limits)
    {
        _limits = limits.Value;
        ByAddress = new RefusalFlaggingLimiter(
            PartitionedRateLimiter.Create<HttpContext, string>(ctx => AddressScope(ctx.Request.Path) is { } scope
                ? RateLimitPartition.GetFixedWindowLimiter(AddressPartition(scope.Name, ctx), _ => Options(scope.Rule))
                : RateLimitPartition.GetNoLimiter(string.Empty)),
            AddressLimiter);
        ByToken = new RefusalFlaggingLimiter(
            PartitionedRateLimiter.Create<HttpContext, string>(ctx => TokenKey(ctx) is { } token
                ? RateLimitPartition.GetFixedWindowLimiter(token, _ =>
                {
                    Interlocked.Increment(ref _tokenPartitions);
                    return Options(_limits.ApiPerToken);
                })
                : RateLimitPartition.GetNoLimiter(string.Empty)),
            TokenLimiter);
    }

    /// <summary>Per client address: <c>/api</c>, sign-in (<c>/auth/…</c> but sign-out) and <c>/webhooks</c>; nothing else.</summary>
    public PartitionedRateLimiter<HttpContext> ByAddress { get; }

    /// <summary>Per bearer token on <c>/api</c> (keyed by a hash of it, so no secret is held).</summary>
    public PartitionedRateLimiter<HttpContext> ByToken { get; }

    /// <summary>How many per-token partitions were ever created (each holds a small limiter for a while); for tests and diagnostics.</summary>
    public int TokenPartitionsCreated => Volatile.Read(ref _tokenPartitions);

    /// <summary>
    /// Which rule a refused request ran into, in words ("for this API token"), as the rule, and the partition (the
    /// caller under that rule, for throttling the log). Read from what the limiters noted while refusing.
    /// </summary>
    public (string Caller, RateLimitRule Rule, string Partition) Refusal(HttpContext ctx)
    {
        if (ctx.Items[RefusalFlaggingLimiter.RefusedByItem] as string == TokenLimiter && TokenKey(ctx) is { } token)
        {
            return ("for this API token", _limits.ApiPerToken, token);
        }

        return AddressScope(ctx.Request.Path) is { } scope
            ? ($"on {scope.Name} from this address", scope.Rule, AddressPartition(scope.Name, ctx))
            : ("from this address", _limits.ApiPerAddress, AddressPartition("the API", ctx));
    }

    public void Dispose()
    {
        ByAddress.Dispose();
        ByToken.Dispose();
    }

    /// <summary>The caller's address as Portal sees it (behind a trusted proxy, the forwarded one); IPv6 as its /64.</summary>
    internal static string Address(HttpContext ctx) => AddressKey(ctx.Connection.RemoteIpAddress);

    /// <summary>An address as a rate-limit key: IPv4 (also when mapped into IPv6) as it is, IPv6 loopback as it is, any other IPv6 as its /64.</summary>
    public static string AddressKey(IPAddress? address) => ClientAddressKey.Of(address, 64);

    private static string AddressPartition(string scope, HttpContext ctx) => $"{scope}|{Address(ctx)}";

    private (string Name, RateLimitRule Rule)? AddressScope(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) ? ("the API", _limits.ApiPerAddress)
        : IsSignIn(path) ? ("sign-in", _limits.SignIn)
        : path.StartsWithSegments("/webhooks", StringComparison.OrdinalIgnoreCase) ? ("the webhook", _limits.Webhook)
        : null;

    /// <summary>
    /// Sign-in requests: <c>/auth/…</c> except sign-out. The OpenID Connect callback (<c>/signin-oidc</c>) is not
    /// counted: it completes a sign-in the caller started on <c>/auth/oidc/signin</c> (already counted), and counting
    /// both would halve the sign-ins behind one address.
    /// </summary>
    internal static bool IsSignIn(PathString path) =>
        path.StartsWithSegments("/auth", StringComparison.OrdinalIgnoreCase)
        && !path.StartsWithSegments("/auth/signout", StringComparison.OrdinalIgnoreCase);

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
