using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Persistence;
using Portal.Domain.Reviews;
using Portal.Domain.Reviews.Commands;
using Portal.Domain.Scorecards.Evaluation;
using Portal.Domain.Security;
using Portal.Ingest.Jobs;
using Portal.Testing;

namespace Portal.Web.Tests.Jobs;

/// <summary>
/// A close as users run it: the page queues <see cref="CloseReviewJob"/>, which the web host's job runner builds with
/// <c>Reviews:CloseParallelism</c> from configuration, and the close brings stale scorecards up to date on that many
/// cores (not every core, which would stall the pages). The setting is one more than the machine's cores, so neither
/// "every core" nor the default (every core but one) can pass for it.
/// </summary>
public sealed class CloseReviewJobParallelismTests : IAsyncLifetime
{
    private static readonly int Cores = Environment.ProcessorCount + 1;
    private PortalWebFactory _factory = null!;

    public async ValueTask InitializeAsync()
    {
        _factory = await PortalWebFactory.CreateAsync(TestProvider.Sqlite,
            b => b.UseSetting("Reviews:CloseParallelism", Cores.ToString(CultureInfo.InvariantCulture)));
        await _factory.SeedDemoAsync();
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CloseJob_StaleScorecards_BroughtUpToDateOnTheConfiguredCores()
    {
        var dbFactory = _factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var admin = new Actor("erik.johansson", "Erik Johansson", PortalRole.Admin, new HashSet<Guid>());
        var commands = new ReviewCommands(dbFactory, new NoQueue(), _factory.Services.GetRequiredService<TimeProvider>());
        await commands.CreateAsync(admin, new ReviewInput("2030-Q3"), Ct);
        await commands.RequestCloseAsync(admin, "2030-Q3", Ct);
        Guid reviewId;
        await using (var db = await dbFactory.CreateDbContextAsync(Ct))
        {
            reviewId = (await db.Reviews.SingleAsync(r => r.Quarter == "2030-Q3", Ct)).Id;

            // The scorecards were last brought up to date on no day: the close must bring them up to date first.
            await db.ScorecardStates.ExecuteUpdateAsync(u => u.SetProperty(s => s.EvaluatedOn, (DateOnly?)null), Ct);
        }

        var evaluation = _factory.Services.GetRequiredService<ScorecardEvaluation>();
        var passes = new ConcurrentQueue<EvaluationRun>();
        void Record(EvaluationRun run) => passes.Enqueue(run);
        evaluation.Evaluated += Record;
        try
        {
            await using var scope = _factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<CloseReviewJob>().RunAsync(reviewId, 1, Ct);
        }
        finally
        {
            evaluation.Evaluated -= Record;
        }

        await using (var db = await dbFactory.CreateDbContextAsync(Ct))
        {
            Assert.Equal(ReviewStatus.Closed, (await db.Reviews.SingleAsync(r => r.Id == reviewId, Ct)).Status);
        }

        var pass = Assert.Single(passes);
        Assert.Contains(pass.Timings!.Phases, p => p.Name.StartsWith($"evaluate and fingerprint ({Cores} cores;", StringComparison.Ordinal));
    }

    private sealed class NoQueue : IReviewCloseQueue
    {
        public void Enqueue(Guid reviewId, int revision)
        {
        }
    }
}
