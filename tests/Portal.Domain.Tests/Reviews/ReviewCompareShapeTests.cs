using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Persistence;
using Portal.Domain.Reviews.Commands;
using Portal.Domain.Reviews.Queries;
using Portal.Domain.Security.Queries;
using Portal.Ingest.Demo;
using Portal.Testing;

namespace Portal.Domain.Tests.Reviews;

/// <summary>
/// Comparing reviews reads in a few set-based queries whatever the size: two closed reviews are a handful of queries
/// (never one per team, service or action item), and "now" adds one read per thousand services.
/// </summary>
public abstract class ReviewCompareShapeTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    /// <summary>Queries a closed-with-closed comparison may take: the two reviews and snapshots, their services, the earlier review's items, teams.</summary>
    private const int ClosedQueries = 9;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private ReviewTestServices _services = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await new DemoSeeder(Db.Factory, _clock).SeedAsync(Ct);
        _services = new ReviewTestServices(Db.Factory, _clock);
        var admin = (await new ActorDirectory(Db.Factory).ForPersonAsync("erik.johansson", ct: Ct))!;
        foreach (var quarter in new[] { "2026-Q3", "2026-Q4" })
        {
            await _services.Reviews.CreateAsync(admin, new ReviewInput(quarter), Ct);
            foreach (var (title, team) in new[] { ("Timeouts on every outbound call", "payments-core"), ("A runbook per service", "platform-infra") })
            {
                await _services.Records.AddActionItemAsync(admin, quarter, new ActionItemInput(title, null, team, new DateOnly(2027, 2, 15)), Ct);
            }

            await _services.Reviews.RequestCloseAsync(admin, quarter, Ct);
            var (reviewId, revision) = _services.CloseQueue.Queued[^1];
            await _services.Closer.CloseAsync(reviewId, revision, Ct);
        }
    }

    [Fact]
    public async Task Compare_TwoClosedReviews_AFewQueriesNotOnePerTeamServiceOrItem()
    {
        var counter = new CommandCounter();
        var comparisons = new ReviewComparisons(new CountingFactory(Db, counter), _services.Evaluation, _services.Frameworks, _clock);

        var result = await comparisons.CompareAsync("2026-Q3", "2026-Q4", Ct);

        Assert.True(result.Totals.ServicesAfter > ClosedQueries && result.Teams.Count > 1 && result.ActionItems.Count > 1);
        Assert.InRange(counter.Commands, 1, ClosedQueries);
    }

    [Fact]
    public async Task Compare_WithNow_AddsAFewQueriesNotOnePerService()
    {
        await _services.Evaluation.EnsureFreshAsync(Ct);
        var counter = new CommandCounter();
        var comparisons = new ReviewComparisons(new CountingFactory(Db, counter), _services.Evaluation, _services.Frameworks, _clock);

        var result = await comparisons.CompareAsync("2026-Q4", "now", Ct);

        Assert.True(result.Totals.ServicesAfter > ClosedQueries + 5);
        Assert.InRange(counter.Commands, 1, ClosedQueries + 5);
    }

    /// <summary>Counts the commands every context it creates sends.</summary>
    private sealed class CountingFactory(TestDatabase db, CommandCounter counter) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() =>
            new(new DbContextOptionsBuilder<PortalDbContext>(db.Options()).AddInterceptors(counter).Options);
    }

    private sealed class CommandCounter : DbCommandInterceptor
    {
        private int _commands;

        public int Commands => _commands;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _commands);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}

public sealed class SqliteReviewCompareShapeTests() : ReviewCompareShapeTests(TestProvider.Sqlite);

public sealed class PostgresReviewCompareShapeTests() : ReviewCompareShapeTests(TestProvider.Postgres);
