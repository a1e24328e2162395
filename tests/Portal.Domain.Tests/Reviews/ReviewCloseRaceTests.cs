using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Reviews;
using Portal.Domain.Reviews.Commands;
using Portal.Domain.Security;
using Portal.Domain.Security.Queries;
using Portal.Domain.Signals;
using Portal.Ingest.Demo;
using Portal.Testing;

namespace Portal.Domain.Tests.Reviews;

/// <summary>
/// A close that is overtaken while it freezes never becomes the record: a close stalls past the stale window, someone
/// cancels it, records a decision and asks again; when the first one wakes up its snapshot is deleted and its run
/// fails, and the second close freezes the review with the decision. A queued attempt whose review is no longer
/// closing is cancelled rather than left queued for good.
/// </summary>
public abstract class ReviewCloseRaceTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private ReviewTestServices _services = null!;
    private Actor _admin = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await new DemoSeeder(Db.Factory, _clock).SeedAsync(Ct);
        _services = new ReviewTestServices(Db.Factory, _clock);
        _admin = (await new ActorDirectory(Db.Factory).ForPersonAsync("erik.johansson", ct: Ct))!;
        await _services.Reviews.CreateAsync(_admin, new ReviewInput("2026-Q4"), Ct);
    }

    private ReviewCloser Closer(Func<Task>? beforeCompleting = null) =>
        new(Db.Factory, _services.Evaluation, _services.Frameworks, _services.Graphs, _services.OpenDebt, _clock) { BeforeCompleting = beforeCompleting };

    private async Task<List<ReviewClosing>> RunsAsync()
    {
        await using var db = Db.CreateContext();
        return await db.ReviewClosings.AsNoTracking().OrderBy(c => c.RequestedAt).ToListAsync(Ct);
    }

    [Fact]
    public async Task Close_OvertakenByCancelRecordAndNewClose_DeletesItsSnapshotFailsItsRunAndTheNewCloseHasTheDecision()
    {
        await _services.Reviews.RequestCloseAsync(_admin, "2026-Q4", Ct);
        var (reviewId, revision) = _services.CloseQueue.Queued.Single();
        var stalled = Closer(async () =>
        {
            // The first close stalls past the stale window with all its rows written; meanwhile the review moves on.
            _clock.Advance(ReviewClosing.StaleAfter + TimeSpan.FromMinutes(1));
            await _services.Reviews.CancelCloseAsync(_admin, "2026-Q4", Ct);
            await _services.Records.AddNoteAsync(_admin, "2026-Q4", new NoteInput(ReviewNoteKind.Decision, "Timeouts before features.", ScalingSignal.CascadingFailures, null), Ct);
            await _services.Reviews.RequestCloseAsync(_admin, "2026-Q4", Ct);
        });

        var first = await stalled.CloseAsync(reviewId, revision, Ct);

        Assert.Null(first);
        await using (var db = Db.CreateContext())
        {
            Assert.Equal(0, await db.ReviewSnapshots.CountAsync(Ct));
            Assert.Equal(0, await db.ReviewSnapshotServices.CountAsync(Ct));
            Assert.Equal(ReviewStatus.Closing, (await db.Reviews.SingleAsync(Ct)).Status);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "reviews.close.overtaken", Ct));
        }

        var runs = await RunsAsync();
        Assert.Equal(2, runs.Count);
        Assert.Equal(ReviewClosingStatus.Failed, runs[0].Status);
        Assert.Contains("a newer close of this revision was requested", runs[0].Error, StringComparison.Ordinal);
        Assert.Equal(ReviewClosingStatus.Queued, runs[1].Status);

        var second = await Closer().CloseAsync(reviewId, revision, Ct);

        Assert.NotNull(second);
        var content = (await _services.Queries.ContentAsync("2026-Q4", ct: Ct))!;
        Assert.False(content.Live);
        Assert.Contains(content.Content.Notes, n => n.Text == "Timeouts before features.");
        Assert.Equal(ReviewClosingStatus.Succeeded, (await RunsAsync())[1].Status);
    }

    [Fact]
    public async Task Close_ReviewChangedWhileFreezing_Refused()
    {
        await _services.Reviews.RequestCloseAsync(_admin, "2026-Q4", Ct);
        var (reviewId, revision) = _services.CloseQueue.Queued.Single();
        var stalled = Closer(async () =>
        {
            // The stalled close is cancelled: the review is open again, and recorded in next.
            _clock.Advance(ReviewClosing.StaleAfter + TimeSpan.FromMinutes(1));
            await _services.Reviews.CancelCloseAsync(_admin, "2026-Q4", Ct);
        });

        var first = await stalled.CloseAsync(reviewId, revision, Ct);

        Assert.Null(first);
        var run = Assert.Single(await RunsAsync());
        Assert.Equal(ReviewClosingStatus.Failed, run.Status);
        Assert.Contains("the review is open, not closing", run.Error, StringComparison.Ordinal);
        await using var db = Db.CreateContext();
        Assert.Equal((ReviewStatus.Open, 0), ((await db.Reviews.SingleAsync(Ct)).Status, await db.ReviewSnapshots.CountAsync(Ct)));
    }

    [Fact]
    public async Task Start_ReviewNoLongerClosing_CancelsTheQueuedRun()
    {
        await _services.Reviews.RequestCloseAsync(_admin, "2026-Q4", Ct);
        var (reviewId, revision) = _services.CloseQueue.Queued.Single();
        _clock.Advance(ReviewClosing.StaleAfter + TimeSpan.FromMinutes(1));
        await _services.Reviews.CancelCloseAsync(_admin, "2026-Q4", Ct);

        var result = await Closer().CloseAsync(reviewId, revision, Ct);

        Assert.Null(result);
        var run = Assert.Single(await RunsAsync());
        Assert.Equal(ReviewClosingStatus.Cancelled, run.Status);
        Assert.Contains("no longer closing", run.Error, StringComparison.Ordinal);
        Assert.NotNull(run.FinishedAt);
    }

    [Fact]
    public void Parallelism_WebProcessLeavesACoreCommandLineMayTakeAll()
    {
        Assert.Equal((1, 1, 7), (new ReviewCloseOptions().DegreeOfParallelism(1), new ReviewCloseOptions().DegreeOfParallelism(2), new ReviewCloseOptions().DegreeOfParallelism(8)));
        Assert.Equal(8, new ReviewCloseOptions { CloseParallelism = 8 }.DegreeOfParallelism(8));
        var closer = new ReviewCloser(Db.Factory, _services.Evaluation, _services.Frameworks, _services.Graphs, _services.OpenDebt, _clock, Options.Create(new ReviewCloseOptions { CloseParallelism = 3 }));
        Assert.Equal(3, closer.Parallelism);
    }

    [Fact]
    public async Task Parallelism_CloseBringsStaleScorecardsUpToDateOnItsOwnCores()
    {
        // The close brings stale scorecards up to date with its own degree of parallelism (every core but one in the web
        // process). One more than the machine's cores: neither every core nor the default can pass for it. The job path,
        // with the setting from configuration: CloseReviewJobParallelismTests (web tests).
        var cores = Environment.ProcessorCount + 1;
        await _services.Reviews.RequestCloseAsync(_admin, "2026-Q4", Ct);
        var (reviewId, revision) = _services.CloseQueue.Queued.Single();
        _clock.Advance(TimeSpan.FromDays(1));
        var passes = new List<Portal.Domain.Scorecards.Evaluation.EvaluationRun>();
        void Record(Portal.Domain.Scorecards.Evaluation.EvaluationRun run) => passes.Add(run);
        _services.Evaluation.Evaluated += Record;
        try
        {
            var closer = new ReviewCloser(Db.Factory, _services.Evaluation, _services.Frameworks, _services.Graphs, _services.OpenDebt, _clock,
                Options.Create(new ReviewCloseOptions { CloseParallelism = cores }));
            Assert.NotNull(await closer.CloseAsync(reviewId, revision, Ct));
        }
        finally
        {
            _services.Evaluation.Evaluated -= Record;
        }

        var pass = Assert.Single(passes);
        Assert.Contains(pass.Timings!.Phases, p => p.Name.StartsWith($"evaluate and fingerprint ({cores} cores;", StringComparison.Ordinal));
    }
}

public sealed class SqliteReviewCloseRaceTests() : ReviewCloseRaceTests(TestProvider.Sqlite);

public sealed class PostgresReviewCloseRaceTests() : ReviewCloseRaceTests(TestProvider.Postgres);
