using System.Diagnostics;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;

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
