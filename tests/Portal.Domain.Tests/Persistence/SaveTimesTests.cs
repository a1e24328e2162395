using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Auditing;
using Portal.Domain.Catalog;
using Portal.Domain.Security.Queries;
using Portal.Domain.Sync;
using Portal.Testing;

namespace Portal.Domain.Tests.Persistence;

/// <summary>Rows take their times from the DbContext's clock when they are saved; entities read no clock.</summary>
public abstract class SaveTimesTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private static readonly DateTime Start = new(2026, 3, 2, 8, 30, 0, DateTimeKind.Utc);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Start));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Db.Clock = _clock;
    }

    [Fact]
    public async Task SaveChanges_NewEntity_CreatedAndUpdatedAtAreTheClocksTime()
    {
        await using var context = Db.CreateContext();
        var service = new Service("payments");
        context.Services.Add(service);

        await context.SaveChangesAsync(Ct);

        Assert.Equal((Start, Start), (service.CreatedAt, service.UpdatedAt));
        await using var check = Db.CreateContext();
        var saved = await check.Services.SingleAsync(Ct);
        Assert.Equal((Start, Start), (saved.CreatedAt, saved.UpdatedAt));
    }

    [Fact]
    public async Task SaveChanges_ChangedLater_UpdatedAtMovesCreatedAtStays()
    {
        await using (var seed = Db.CreateContext())
        {
            seed.Services.Add(new Service("payments"));
            await seed.SaveChangesAsync(Ct);
        }

        _clock.Advance(TimeSpan.FromHours(3));
        await using (var context = Db.CreateContext())
        {
            (await context.Services.SingleAsync(Ct)).SetTier(1);
            await context.SaveChangesAsync(Ct);
        }

        await using var check = Db.CreateContext();
        var saved = await check.Services.SingleAsync(Ct);
        Assert.Equal((Start, Start.AddHours(3), 1), (saved.CreatedAt, saved.UpdatedAt, saved.Version));
    }

    [Fact]
    public async Task SaveChanges_LoadedButUnchanged_KeepsUpdatedAtAndVersion()
    {
        await using (var seed = Db.CreateContext())
        {
            seed.Services.Add(new Service("payments"));
            await seed.SaveChangesAsync(Ct);
        }

        _clock.Advance(TimeSpan.FromHours(3));
        await using (var context = Db.CreateContext())
        {
            _ = await context.Services.SingleAsync(Ct);
            await context.SaveChangesAsync(Ct);
        }

        await using var check = Db.CreateContext();
        var saved = await check.Services.SingleAsync(Ct);
        Assert.Equal((Start, 0), (saved.UpdatedAt, saved.Version));
    }

    [Fact]
    public async Task SaveChanges_ChangeWithAutomaticDetectionOff_IsStampedAndSaved()
    {
        await using (var seed = Db.CreateContext())
        {
            seed.Services.Add(new Service("payments"));
            await seed.SaveChangesAsync(Ct);
        }

        _clock.Advance(TimeSpan.FromMinutes(5));
        await using (var context = Db.CreateContext())
        {
            context.ChangeTracker.AutoDetectChangesEnabled = false;
            (await context.Services.SingleAsync(Ct)).SetTier(2);
            context.ChangeTracker.DetectChanges();
            await context.SaveChangesAsync(Ct);
        }

        await using var check = Db.CreateContext();
        var saved = await check.Services.SingleAsync(Ct);
        Assert.Equal((2, Start.AddMinutes(5), 1), (saved.Tier, saved.UpdatedAt, saved.Version));
    }

    [Fact]
    public async Task SaveChanges_AuditEntry_AtIsTheClocksTime()
    {
        await using var context = Db.CreateContext();
        AuditLog.Record(context, ActorDirectory.LocalAdministrator, "service.update", "service", "payments", null, null);

        await context.SaveChangesAsync(Ct);

        await using var check = Db.CreateContext();
        Assert.Equal(Start, (await check.AuditEntries.SingleAsync(Ct)).At);
    }

    [Fact]
    public async Task SaveChanges_SyncRunBeatsAndFinishes_TimesFollowTheClock()
    {
        var run = new SyncRun("github", "acme", SyncTrigger.Cli, "host-1");
        await using (var context = Db.CreateContext())
        {
            context.SyncRuns.Add(run);
            await context.SaveChangesAsync(Ct);
            Assert.Equal((Start, Start, (DateTime?)null), (run.StartedAt, run.HeartbeatAt, run.FinishedAt));

            _clock.Advance(TimeSpan.FromMinutes(2));
            run.Beat();
            await context.SaveChangesAsync(Ct);
            Assert.Equal(Start.AddMinutes(2), run.HeartbeatAt);

            _clock.Advance(TimeSpan.FromMinutes(1));
            run.Finish();
            await context.SaveChangesAsync(Ct);
        }

        await using var check = Db.CreateContext();
        var saved = await check.SyncRuns.SingleAsync(Ct);
        Assert.Equal((Start, Start.AddMinutes(2), Start.AddMinutes(3)), (saved.StartedAt, saved.HeartbeatAt, saved.FinishedAt));
    }
}

public sealed class SqliteSaveTimesTests() : SaveTimesTests(TestProvider.Sqlite);

public sealed class PostgresSaveTimesTests() : SaveTimesTests(TestProvider.Postgres);
