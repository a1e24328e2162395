using System.Diagnostics;
using System.Security.Claims;
using System.Text.Json;
using Hangfire;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Portal.Domain.Security;
using Portal.Web.Auth;

namespace Portal.Web.Hosting;

/// <summary>Structured logs with correlation ids, health checks that say what healthy means, OpenTelemetry over OTLP.</summary>
public static class ObservabilityHosting
{
    public const string CorrelationHeader = "X-Correlation-Id";

    public static WebApplicationBuilder AddPortalObservability(this WebApplicationBuilder builder)
    {
        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section);
        var telemetry = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var endpoint = telemetry.OtlpEndpoint ?? builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(telemetry.ServiceName))
            .WithTracing(t => t
                .AddSource(JobsHosting.JobActivity.Name)
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/_blazor"))
                .AddHttpClientInstrumentation())
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation());
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            otel.UseOtlpExporter(OpenTelemetry.Exporter.OtlpExportProtocol.Grpc, new Uri(endpoint));
        }

        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<JobStorageHealthCheck>("job-storage", tags: ["ready"]);
        builder.Services.AddSingleton<HealthReportCache>();
        return builder;
    }

    /// <summary>Every request gets a correlation id (the caller's, or the trace id), echoed back and put on every log line.</summary>
    public static WebApplication UsePortalCorrelation(this WebApplication app)
    {
        app.Use(async (ctx, next) =>
        {
            var incoming = ctx.Request.Headers[CorrelationHeader].ToString();
            var id = incoming is { Length: > 0 and <= 100 } ? incoming : Activity.Current?.TraceId.ToString() ?? ctx.TraceIdentifier;
            Activity.Current?.SetTag("correlation.id", id);
            ctx.Response.Headers[CorrelationHeader] = id;
            var logger = ctx.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Portal.Requests");
            using (logger.BeginScope("CorrelationId:{CorrelationId}", id))
            {
                await next();
            }
        });
        return app;
    }

    /// <summary>
    /// <c>/healthz</c> (anonymous: the overall status and each check's name and status, nothing else, so exception
    /// texts, sync errors and migration names do not reach the network; worked out at most once every few seconds,
    /// <see cref="HealthReportCache"/>) and <c>/healthz/details</c> (administrators, signed in or with an admin token:
    /// what each check found, worked out afresh; anyone else gets 401 or 403, never a redirect). A signed-in
    /// administrator sees the details on <c>/healthz</c> too. Unhealthy answers 503, as load balancers and the compose
    /// healthcheck expect.
    /// </summary>
    public static WebApplication MapPortalHealth(this WebApplication app)
    {
        app.Map("/healthz", async ctx =>
            {
                var admin = IsAdmin(ctx.User);
                var report = admin
                    ? await ctx.RequestServices.GetRequiredService<HealthCheckService>().CheckHealthAsync(ctx.RequestAborted)
                    : await ctx.RequestServices.GetRequiredService<HealthReportCache>().GetAsync(ctx.RequestAborted);
                await WriteJsonAsync(ctx, report, admin);
            })
            .AllowAnonymous();
        app.MapHealthChecks("/healthz/details", new HealthCheckOptions { ResponseWriter = (ctx, report) => WriteJsonAsync(ctx, report, detailed: true) })
            .RequireAuthorization(new AuthorizationPolicyBuilder(ApiTokenAuthenticationHandler.SchemeName, CookieAuthenticationDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(c => PortalClaims.RoleOf(c.User) == PortalRole.Admin)
                .Build());
        return app;
    }

    // Only the role Portal wrote counts, as in the Admin policy (AuthHosting).
    private static bool IsAdmin(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true && PortalClaims.RoleOf(user) == PortalRole.Admin;

    private static Task WriteJsonAsync(HttpContext ctx, HealthReport report, bool detailed)
    {
        // As MapHealthChecks answers: 503 only when unhealthy (degraded still serves).
        ctx.Response.StatusCode = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        ctx.Response.ContentType = "application/json";
        ctx.Response.Headers.CacheControl = "no-store";
        object body = detailed
            ? new
            {
                status = report.Status.ToString(),
                totalDurationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
                checks = report.Entries.Select(e => new
                {
                    name = e.Key,
                    status = e.Value.Status.ToString(),
                    description = e.Value.Description,
                    durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                    error = e.Value.Exception?.Message,
                    data = e.Value.Data,
                }),
            }
            : new
            {
                status = report.Status.ToString(),
                checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString() }),
            };
        return ctx.Response.WriteAsync(JsonSerializer.Serialize(body, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
    }
}
