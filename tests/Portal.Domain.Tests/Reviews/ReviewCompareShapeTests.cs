using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Persistence;
using Portal.Domain.Reviews.Commands;
using Portal.Domain.Reviews.Comparison;
using Portal.Domain.Reviews.Queries;
using Portal.Domain.Scorecards;
using Portal.Domain.Security.Queries;
using Portal.Domain.Signals;
using Portal.Ingest.Demo;
using Portal.Testing;

namespace Portal.Domain.Tests.Reviews;

/// <summary>
/// Comparing reviews reads in a few set-based queries whatever the size: two closed reviews are a handful of queries
/// (never one per team, service or action item), and "now" adds one read per thousand services. Each comparison runs
/// twice, over reviews with 2 and with 14 action items (more than the whole budget), and must send as many commands
/// both times: one query per item (or per service or team an item names) would show as a difference.
/// </summary>
public abstract class ReviewCompareShapeTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    /// <summary>Queries a closed-with-closed comparison may take: the two reviews and snapshots, their services, the earlier review's items, teams.</summary>
    private const int ClosedQueries = 9;

    /// <summary>Action items in each review of the larger pair.</summary>
    private const int ManyItems = 14;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private ReviewTestServices _services = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await new DemoSeeder(Db.Factory, _clock).SeedAsync(Ct);
        _services = new ReviewTestServices(Db.Factory, _clock);
        var admin = (await new ActorDirectory(Db.Factory).ForPersonAsync("erik.johansson", ct: Ct))!;

        // Two items a review in 2026-Q1 and Q2, fourteen in Q3 and Q4; each owned by one of two teams, half about a service with a target.
        foreach (var (quarter, count) in new[] { ("2026-Q1", 2), ("2026-Q2", 2), ("2026-Q3", ManyItems), ("2026-Q4", ManyItems) })
        {
            await _services.Reviews.CreateAsync(admin, new ReviewInput(quarter), Ct);
            for (var i = 0; i < count; i++)
            {
                var input = i % 2 == 0
                    ? new ActionItemInput($"Timeouts on every outbound call, part {i}", null, "payments-core", new DateOnly(2027, 2, 15), ScalingSignal.CascadingFailures, ScoreLevel.Silver, "payments")
                    : new ActionItemInput($"A runbook per service, part {i}", null, "platform-infra", new DateOnly(2027, 2, 15));
                await _services.Records.AddActionItemAsync(admin, quarter, input, Ct);
            }

            await _services.Reviews.RequestCloseAsync(admin, quarter, Ct);
            var (reviewId, revision) = _services.CloseQueue.Queued[^1];
            await _services.Closer.CloseAsync(reviewId, revision, Ct);
        }
    }

    /// <summary>Compares through a factory that counts commands; returns the result and how many were sent.</summary>
    private async Task<(ComparisonResult Result, int Commands)> CountedAsync(string from, string to)
    {
        var counter = new CommandCounter();
        var comparisons = new ReviewComparisons(new CountingFactory(Db, counter), _services.Evaluation, _services.Frameworks, _clock);
        var result = await comparisons.CompareAsync(from, to, Ct);
        return (result, counter.Commands);
    }

    [Fact]
    public async Task Compare_TwoClosedReviews_AFewQueriesNotOnePerTeamServiceOrItem()
    {
        var (few, fewCommands) = await CountedAsync("2026-Q1", "2026-Q2");
        var (many, manyCommands) = await CountedAsync("2026-Q3", "2026-Q4");

        Assert.Equal((2, ManyItems), (few.ActionItems.Count, many.ActionItems.Count));
        Assert.True(many.Totals.ServicesAfter > ClosedQueries && many.Teams.Count > 1);
        Assert.Equal(fewCommands, manyCommands);
        Assert.InRange(manyCommands, 1, ClosedQueries);
    }

    [Fact]
    public async Task Compare_WithNow_AddsAFewQueriesNotOnePerServiceOrItem()
    {
        await _services.Evaluation.EnsureFreshAsync(Ct);

        var (few, fewCommands) = await CountedAsync("2026-Q2", "now");
        var (many, manyCommands) = await CountedAsync("2026-Q4", "now");

        Assert.Equal((2, ManyItems), (few.ActionItems.Count, many.ActionItems.Count));
        Assert.True(many.Totals.ServicesAfter > ClosedQueries + 5);
        Assert.Equal(fewCommands, manyCommands);
        Assert.InRange(manyCommands, 1, ClosedQueries + 5);
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
