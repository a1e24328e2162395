using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Auditing;
using Portal.Domain.Persistence;
using Portal.Web.Auth;

namespace Portal.Web.Hosting;

/// <summary>
/// Writes every action taken on the jobs dashboard (<c>/jobs</c>: trigger, requeue, delete…, the POSTs that change
/// something) to the audit log as <see cref="Action"/>, with the dashboard path and the job ids it was given. The
/// dashboard's own polling (<c>POST /jobs/stats</c>, every few seconds while a tab is open) reads and is not written. Refusals are written by
/// <see cref="AuditedAuthorizationResults"/> before the dashboard is reached.
/// </summary>
public static class JobsDashboardAudit
{
    public const string Action = "jobs.dashboard";

    public static WebApplication UsePortalJobsDashboardAudit(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            await next(context);
            if (HttpMethods.IsPost(context.Request.Method)
                && context.Request.Path.StartsWithSegments(JobsHosting.DashboardPath, out var action)
                && !IsPolling(action.Value)
                && context.Response.StatusCode is >= 200 and < 300
                && context.User.Identity?.IsAuthenticated == true)
            {
                await RecordAsync(context, action.Value ?? "");
            }
        });
        return app;
    }

    /// <summary>The dashboard's live counters, posted on a timer by every open tab: a read, not an action.</summary>
    private static bool IsPolling(string? action) => string.Equals(action, "/stats", StringComparison.OrdinalIgnoreCase);

    private static async Task RecordAsync(HttpContext context, string action)
    {
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(JobsDashboardAudit));
        var actor = await services.GetRequiredService<ActorResolver>().ResolveForAuditAsync(context.User);

        // The dashboard read its form already (job ids come as jobs[]); nothing is read that it did not.
        var form = context.Features.Get<IFormFeature>()?.Form;
        var jobs = form is null ? [] : form.Where(f => f.Key.StartsWith("jobs", StringComparison.Ordinal)).SelectMany(f => f.Value).ToArray();

        // The action has happened: a failed write is logged (AuditWrite) and the dashboard still gets its answer.
        await AuditWrite.TryAsync(
            async () =>
            {
                await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(CancellationToken.None);
                AuditLog.Record(db, actor, Action, "job", action, null, new { Jobs = jobs });
                await db.SaveChangesAsync(CancellationToken.None);
            },
            ex => logger.LogError(ex, "Could not audit the jobs dashboard action {Action} by {Actor}", action, actor.AuditName));
    }
}
