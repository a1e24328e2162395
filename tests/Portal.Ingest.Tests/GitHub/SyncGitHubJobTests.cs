using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Domain.Sync;
using Portal.Domain.Sync.Commands;
using Portal.Ingest.Jobs;
using Portal.Testing;
using Portal.Testing.FakeGitHub;

namespace Portal.Ingest.Tests.GitHub;

public sealed class SyncGitHubJobTests() : DatabaseTest(TestProvider.Sqlite), IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_LeaseHeldElsewhere_RetriesOnceLaterNotForever()
    {
        await using var server = await FakeGitHubServer.StartAsync(SmallOrg.Create(), Ct);
        var harness = new GitHubSyncHarness(Db.Factory, server);
        await new SyncLeases(Db.Factory, TimeProvider.System).TryAcquireAsync(SyncLeases.GitHub, "another-instance", TimeSpan.FromMinutes(5), Ct);
        var jobs = new RecordingJobClient();
        var job = new SyncGitHubJob(harness.Sync, jobs, NullLogger<SyncGitHubJob>.Instance);

        await job.RunAsync(SyncTrigger.Schedule, Ct);
        await job.RetryOnceAsync(SyncTrigger.Schedule, Ct);

        var scheduled = Assert.Single(jobs.Created);
        Assert.Equal((nameof(SyncGitHubJob.RetryOnceAsync), ScheduledState.StateName), (scheduled.Job.Method.Name, scheduled.State.Name));
    }

    /// <summary>Remembers what would have been queued.</summary>
    private sealed class RecordingJobClient : IBackgroundJobClient
    {
        public List<(Job Job, IState State)> Created { get; } = [];

        public string Create(Job job, IState state)
        {
            Created.Add((job, state));
            return Created.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => true;
    }
}
