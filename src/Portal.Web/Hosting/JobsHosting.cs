using System.Diagnostics;
using Hangfire;
using Hangfire.Common;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.Server;
using Microsoft.Extensions.Options;
using Portal.Domain.Security;
using Portal.Ingest.Jobs;
using Portal.Web.Auth;

namespace Portal.Web.Hosting;

/// <summary>Hangfire: PostgreSQL storage (schema <c>hangfire</c>) in production, in-memory on the embedded default.</summary>
public static class JobsHosting
{
    /// <summary>Where the jobs dashboard is served (admins only).</summary>
    public const string DashboardPath = "/jobs";

    public static readonly ActivitySource JobActivity = new("Portal.Jobs");

    public static WebApplicationBuilder AddPortalJobs(this WebApplicationBuilder builder, bool runServer)
    {
        builder.Services.AddHangfire((sp, config) =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UseFilter(new JobTracingFilter(sp.GetRequiredService<ILoggerFactory>().CreateLogger<JobTracingFilter>()));
            var db = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            if (db.Provider == DatabaseProvider.Postgres)
            {
                config.UsePostgreSqlStorage(
                    o => o.UseNpgsqlConnection(db.ConnectionString),
                    new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true, DistributedLockTimeout = TimeSpan.FromMinutes(1) });
            }
            else
            {
                config.UseInMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromDays(7) });
            }
        });

        if (runServer)
        {
            builder.Services.AddHangfireServer(o =>
            {
                o.WorkerCount = Math.Clamp(Environment.ProcessorCount * 2, 2, 8);
                o.ShutdownTimeout = TimeSpan.FromSeconds(15);
            });
            builder.Services.AddHostedService<RecurringJobsRegistrar>();
            builder.Services.AddOptions<GraphOptions>().BindConfiguration(GraphOptions.Section);
            builder.Services.AddHostedService<GraphWarmUp>();
        }

        return builder;
    }

    public static WebApplication MapPortalJobsDashboard(this WebApplication app)
    {
        app.UsePortalJobsDashboardAudit();
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new AdminOnlyDashboardFilter()],
            DashboardTitle = "Portal jobs",
            AppPath = "/admin",
            DisplayStorageConnectionString = false,
        }).RequireAuthorization(AuthHosting.AdminPolicy);
        return app;
    }
}

/// <summary>Registers recurring jobs under constant ids at start, so restarts update rather than duplicate them.</summary>
internal sealed class RecurringJobsRegistrar(IRecurringJobManager jobs, IOptions<Portal.Ingest.GitHub.GitHubOptions> gitHub) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        jobs.AddOrUpdate<RecordCatalogSnapshotJob>(RecordCatalogSnapshotJob.RecurringId, j => j.RunAsync(CancellationToken.None), Cron.Daily(2));
        jobs.AddOrUpdate<RescoreDebtJob>(RescoreDebtJob.RecurringId, j => j.RunAsync(CancellationToken.None), Cron.MinuteInterval(5));
        jobs.AddOrUpdate<EvaluateScorecardsJob>(EvaluateScorecardsJob.RecurringId, j => j.RunAsync(CancellationToken.None), Cron.Hourly(5));
        jobs.AddOrUpdate<RefreshDatabaseStatisticsJob>(RefreshDatabaseStatisticsJob.RecurringId, j => j.RunAsync(CancellationToken.None), Cron.Hourly(35));
        GitHubHosting.RegisterRecurring(jobs, gitHub.Value);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Only signed-in admins see the dashboard. Hangfire's default filter merely checks for a local
/// request, which is not authorization.
/// </summary>
public sealed class AdminOnlyDashboardFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return user.Identity?.IsAuthenticated == true && PortalClaims.RoleOf(user) == PortalRole.Admin;
    }
}

/// <summary>Gives every job run its own trace, so its log lines carry a trace id like a request's do.</summary>
internal sealed class JobTracingFilter(ILogger<JobTracingFilter> logger) : JobFilterAttribute, IServerFilter
{
    private const string ActivityKey = "portal.activity";
    private const string ScopeKey = "portal.scope";

    public void OnPerforming(PerformingContext context)
    {
        var activity = JobsHosting.JobActivity.StartActivity("job " + context.BackgroundJob.Job.Type.Name, ActivityKind.Internal);
        activity?.SetTag("hangfire.job_id", context.BackgroundJob.Id);
        context.Items[ActivityKey] = activity;
        context.Items[ScopeKey] = logger.BeginScope("Job:{Job} JobId:{JobId}", context.BackgroundJob.Job.Type.Name, context.BackgroundJob.Id);
    }

    public void OnPerformed(PerformedContext context)
    {
        if (context.Exception is { } ex && !context.ExceptionHandled)
        {
            logger.LogError(ex, "Job {JobId} failed", context.BackgroundJob.Id);
        }

        if (context.Items.TryGetValue(ScopeKey, out var scope))
        {
            (scope as IDisposable)?.Dispose();
        }

        if (context.Items.TryGetValue(ActivityKey, out var activity))
        {
            (activity as Activity)?.Dispose();
        }
    }
}

/// <summary>
/// Loads and analyses the dependency graph once the app has started, so the first person to open the graph
/// pages does not wait for it. Failures are logged, not fatal: the pages load it on demand anyway.
/// </summary>
internal sealed class GraphWarmUp(
    Portal.Domain.Graph.Queries.GraphService graphs, IOptions<GraphOptions> options, IHostApplicationLifetime lifetime, ILogger<GraphWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WarmUpOnStart)
        {
            return;
        }

        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        try
        {
            var snapshot = await graphs.CurrentAsync(stoppingToken);
            _ = snapshot.Analysis;
            logger.LogInformation("Dependency graph version {Version} loaded and analysed: {Nodes} nodes, {Edges} edges", snapshot.Version, snapshot.Graph.NodeCount, snapshot.Graph.EdgeCount);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not warm up the dependency graph; it will load on first use");
        }
    }
}
