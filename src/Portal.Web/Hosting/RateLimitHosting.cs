using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Portal.Web.Hosting;

/// <summary>
/// ASP.NET Core's rate limiter with <see cref="PortalRateLimiters"/> as its global limiter, and the <c>Limits:*</c>
/// settings (<see cref="LimitsOptions"/>). A refused request answers 429 with <c>Retry-After</c> and problem details
/// saying which limit it met, and is logged (warning, with the correlation id; at most one line per caller and rule
/// per window, <see cref="RefusalLogThrottle"/>). Refusals are not written to the audit
/// log: a flood of them would turn into a flood of database writes.
/// </summary>
public static partial class RateLimitHosting
{
    public static WebApplicationBuilder AddPortalLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LimitsOptions>().BindConfiguration(LimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<PortalRateLimiters>();
        builder.Services.AddSingleton<ConcurrencyGates>();
        builder.Services.AddSingleton<RefusalLogThrottle>();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<PortalRateLimiters>((o, limiters) =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(limiters.ByAddress, limiters.ByToken);
            o.OnRejected = OnRejectedAsync;
        });
        return builder;
    }

    /// <summary>After the forwarded headers (the caller's real address) and the correlation id (on the log line), before authentication (no database work for a refused request).</summary>
    public static WebApplication UsePortalRateLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var (caller, rule, partition) = http.RequestServices.GetRequiredService<PortalRateLimiters>().Refusal(http);
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : rule.WindowSeconds;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);

        if (http.RequestServices.GetRequiredService<RefusalLogThrottle>().ShouldLog(partition, rule.Window, out var unlogged))
        {
            var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Portal.RateLimits");
            LogRefused(logger, http.Request.Method, http.Request.Path, PortalRateLimiters.Address(http), caller, rule.Describe(), seconds, unlogged);
        }

        await Results.Problem(
            detail: $"More than {rule.Describe()} {caller}. Try again in {seconds} s.",
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests",
            extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds, ["limit"] = rule.PermitLimit, ["windowSeconds"] = rule.WindowSeconds })
            .ExecuteAsync(http);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Path} from {Address} with 429: more than {Limit} {Caller}; retry after {RetryAfterSeconds} s ({Unlogged} earlier refusals of this caller not logged; one line per caller and window)")]
    private static partial void LogRefused(ILogger logger, string method, string path, string address, string caller, string limit, int retryAfterSeconds, int unlogged);
}
