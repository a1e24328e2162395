using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Auditing.Refusals;
using Portal.Domain.Persistence;
using Portal.Domain.Security;
using Portal.Testing;
using Portal.Web.Auth;

namespace Portal.Web.Tests.Auth;

/// <summary>A burst of refusals that stops is summarised in the audit log without waiting for the caller's next refusal.</summary>
public sealed class RefusalAuditFlushTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
    private TestDatabase _db = null!;
    private RefusalAudit _audit = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        _db.Clock = _clock;
        _audit = new RefusalAudit(_db.Factory, new RefusalAuditThrottle(_clock), NullLogger<RefusalAudit>.Instance);
        var attempt = new RefusalAttempt(
            "authentication.refused|203.0.113.7", new Actor("anonymous", "Anonymous", PortalRole.Viewer, new HashSet<Guid>()),
            "authentication.refused", "endpoint", "GET /api/v1/services", "203.0.113.7");
        for (var i = 0; i < 4; i++)
        {
            await _audit.RecordAsync(attempt, n => new { LeftOutSinceLastEntry = n });
        }
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Running_BurstStopped_SummaryWrittenWithinAnIntervalAfterTheMinute()
    {
        using var flush = new RefusalAuditFlush(_audit, _clock, NullLogger<RefusalAuditFlush>.Instance);
        await flush.StartAsync(Ct);
        _clock.Advance(RefusalAuditThrottle.Window);

        // The timer ticks on the fake clock; the loop may not have made its timer yet, so keep moving the clock on.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await CountAsync() < 2 && DateTime.UtcNow < deadline)
        {
            _clock.Advance(RefusalAuditFlush.Interval);
            await Task.Delay(50, Ct);
        }

        await flush.StopAsync(Ct);
        var summary = await SummaryAsync();
        Assert.Contains("\"leftOut\":3", summary, StringComparison.Ordinal);
        Assert.Contains("\"clientAddress\":\"203.0.113.7\"", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_AfterTheMinute_WritesTheSummary()
    {
        using var flush = new RefusalAuditFlush(_audit, _clock, NullLogger<RefusalAuditFlush>.Instance);
        await flush.StartAsync(Ct);
        _clock.Advance(RefusalAuditThrottle.Window);
        await flush.StopAsync(Ct);

        Assert.Contains("\"leftOut\":3", await SummaryAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_TenSecondsIntoABurst_WritesTheOpenCountEndingNow()
    {
        using var flush = new RefusalAuditFlush(_audit, _clock, NullLogger<RefusalAuditFlush>.Instance);
        await flush.StartAsync(Ct);
        _clock.Advance(TimeSpan.FromSeconds(10));
        await flush.StopAsync(Ct);

        var summary = await SummaryAsync();
        Assert.Contains("\"leftOut\":3", summary, StringComparison.Ordinal);
        Assert.Contains("\"to\":\"2026-12-07T09:00:10+00:00\"", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_WithTheMinutesCapSpent_WritesTheOpenCountBeyondIt()
    {
        var anonymous = new Actor("anonymous", "Anonymous", PortalRole.Viewer, new HashSet<Guid>());
        for (var i = 0; i < RefusalAuditThrottle.MaxEntriesPerWindow + 4; i++)
        {
            await _audit.RecordAsync(
                new RefusalAttempt($"authentication.refused|198.51.100.{i}", anonymous, "authentication.refused", "endpoint", "GET /api/v1/services", $"198.51.100.{i}"),
                n => new { LeftOutSinceLastEntry = n });
        }

        using var flush = new RefusalAuditFlush(_audit, _clock, NullLogger<RefusalAuditFlush>.Instance);
        await flush.StartAsync(Ct);
        _clock.Advance(TimeSpan.FromSeconds(10));
        await flush.StopAsync(Ct);

        await using var db = _db.CreateContext();
        var overflow = Assert.Single(await db.AuditEntries.Where(a => a.Action == RefusalAuditThrottle.LeftOutAction).ToListAsync(Ct));
        Assert.Contains("\"leftOut\":5", overflow.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_DatabaseDoesNotAnswer_GivesUpAfterTheLimit()
    {
        var hanging = new DownableFactory(_db.Factory);
        var audit = new RefusalAudit(hanging, new RefusalAuditThrottle(_clock), NullLogger<RefusalAudit>.Instance);
        var attempt = new RefusalAttempt(
            "authentication.refused|198.51.100.9", new Actor("anonymous", "Anonymous", PortalRole.Viewer, new HashSet<Guid>()),
            "authentication.refused", "endpoint", "GET /api/v1/teams", "198.51.100.9");
        await audit.RecordAsync(attempt, n => new { LeftOutSinceLastEntry = n });
        await audit.RecordAsync(attempt, n => new { LeftOutSinceLastEntry = n });
        hanging.Hangs = true;
        using var flush = new RefusalAuditFlush(audit, _clock, NullLogger<RefusalAuditFlush>.Instance);
        await flush.StartAsync(Ct);

        var stopping = flush.StopAsync(Ct);
        _clock.Advance(RefusalAuditFlush.ShutdownLimit);

        // Real time only as a guard against a hang; the limit itself runs on the fake clock.
        await stopping.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.True(hanging.Waited, "the shutdown flush never tried to write");
    }

    [Fact]
    public async Task DatabaseDown_WriteFailsWithAnyException_FlushLogsAndThePortalKeepsRunning()
    {
        var flaky = new DownableFactory(_db.Factory);
        var audit = new RefusalAudit(flaky, new RefusalAuditThrottle(_clock), NullLogger<RefusalAudit>.Instance);
        var attempt = new RefusalAttempt(
            "authentication.refused|198.51.100.9", new Actor("anonymous", "Anonymous", PortalRole.Viewer, new HashSet<Guid>()),
            "authentication.refused", "endpoint", "GET /api/v1/teams", "198.51.100.9");
        await audit.RecordAsync(attempt, n => new { LeftOutSinceLastEntry = n });
        await audit.RecordAsync(attempt, n => new { LeftOutSinceLastEntry = n });
        flaky.Down = true;

        using var flush = new RefusalAuditFlush(audit, _clock, NullLogger<RefusalAuditFlush>.Instance);
        await flush.StartAsync(Ct);
        _clock.Advance(RefusalAuditThrottle.Window);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (flaky.Refused == 0 && DateTime.UtcNow < deadline)
        {
            _clock.Advance(RefusalAuditFlush.Interval);
            await Task.Delay(50, Ct);
        }

        Assert.True(flaky.Refused > 0, "the flush never tried to write while the database was down");
        Assert.False(flush.ExecuteTask!.IsFaulted, "a failed write must not end the background loop (that stops the host)");
        await flush.StopAsync(Ct);
    }

    /// <summary>
    /// A context factory that fails like EF Core's retrying strategy does once PostgreSQL stays away (<see cref="Down"/>),
    /// or waits until cancelled, like a server that does not answer (<see cref="Hangs"/>).
    /// </summary>
    private sealed class DownableFactory(IDbContextFactory<PortalDbContext> inner) : IDbContextFactory<PortalDbContext>
    {
        public bool Down { get; set; }

        public bool Hangs { get; set; }

        public bool Waited { get; private set; }

        public int Refused { get; private set; }

        public async Task<PortalDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default)
        {
            if (Hangs)
            {
                Waited = true;
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }

            return CreateDbContext();
        }

        public PortalDbContext CreateDbContext()
        {
            if (!Down)
            {
                return inner.CreateDbContext();
            }

            Refused++;
            throw new Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException("The database is down.", new TimeoutException());
        }
    }

    private async Task<int> CountAsync()
    {
        await using var db = _db.CreateContext();
        return await db.AuditEntries.CountAsync(Ct);
    }

    private async Task<string> SummaryAsync()
    {
        await using var db = _db.CreateContext();
        var entries = await db.AuditEntries.OrderBy(a => a.Id).ToListAsync(Ct);
        Assert.Equal(2, entries.Count);
        Assert.Equal(("authentication.refused", "GET /api/v1/services", false), (entries[1].Action, entries[1].EntityKey, entries[1].Succeeded));
        return entries[1].After!;
    }
}
