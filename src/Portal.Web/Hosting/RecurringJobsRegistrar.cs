using Hangfire;
using Microsoft.Extensions.Options;
using Portal.Ingest.Jobs;

namespace Portal.Web.Hosting;

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
