using System.Globalization;
using Microsoft.Extensions.Options;

namespace Portal.Web.Hosting;

/// <summary>Puts an endpoint behind one of the <see cref="ConcurrencyGates"/>.</summary>
public static class ConcurrencyGateEndpoints
{
    /// <summary>At most <paramref name="permits"/> of the <c>Limits:*</c> settings (named <paramref name="setting"/>) of <paramref name="what"/> at once.</summary>
    public static RouteHandlerBuilder WithConcurrencyLimit(this RouteHandlerBuilder endpoint, Func<LimitsOptions, int> permits, string setting, string what) =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var allowed = permits(http.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value);
            var gate = http.RequestServices.GetRequiredService<ConcurrencyGates>().For(setting, allowed);
            using var lease = await gate.AcquireAsync(1, http.RequestAborted);
            if (!lease.IsAcquired)
            {
                http.Response.Headers.RetryAfter = ConcurrencyGates.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return Results.Problem(
                    detail: $"At most {allowed} {what} run at the same time, and as many wait (setting {setting}). Try again in {ConcurrencyGates.RetryAfterSeconds} s.",
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many requests at the same time",
                    extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = ConcurrencyGates.RetryAfterSeconds, ["limit"] = allowed });
            }

            return await next(context);
        });
}
