using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Auditing;
using Portal.Domain.Catalog;
using Portal.Domain.Common;
using Portal.Domain.Debt;
using Portal.Domain.Graph;
using Portal.Domain.Persistence;
using Portal.Domain.Security;
using Portal.Domain.Signals;
using Portal.Testing;

namespace Portal.Domain.Tests.Persistence;

/// <summary>Rows written by <see cref="BulkInsert"/> read back exactly as rows saved by EF, inside the caller's transaction.</summary>
public abstract class BulkInsertTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private static readonly DateTime Start = new(2026, 3, 2, 8, 30, 0, DateTimeKind.Utc);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Start));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Db.Clock = _clock;
        await using var db = Db.CreateContext();
        db.AddRange(new Service("a"), new Service("b"), new Resource("orders-db", ResourceType.Database), new Team("core"), new Person("ada"), new Person("ben"));
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task InsertAsync_EdgesOfEveryShape_ReadBackAsWritten()
    {
        await using var db = Db.CreateContext();
        var (a, b) = (await db.Services.SingleAsync(s => s.Name == "a", Ct), await db.Services.SingleAsync(s => s.Name == "b", Ct));
        var orders = await db.Resources.SingleAsync(Ct);
        var full = Dependency.ToService(a, b, InteractionKind.SyncHttp, DataSource.Import);
        full.SetResilience(2500, 3, true, false, null, true);
        full.SetCriticality(Criticality.High);
        var bare = Dependency.ToResource(b, orders, ResourceAccess.Read, DataSource.Import);

        await InTransactionAsync(db, () => db.InsertAsync([full, bare], Ct));

        await using var check = Db.CreateContext();
        var stored = await check.Dependencies.OrderBy(d => d.TargetResourceId == null ? 0 : 1).ToListAsync(Ct);
        Assert.Equal(2, stored.Count);
        Assert.Equal(
            (full.Id, a.Id, (Guid?)b.Id, (Guid?)null, InteractionKind.SyncHttp, (int?)2500, (int?)3, (bool?)true, (bool?)false, (bool?)null, (bool?)true, (Criticality?)Criticality.High, DataSource.Import, 0, Start, Start),
            (stored[0].Id, stored[0].SourceServiceId, stored[0].TargetServiceId, stored[0].TargetResourceId, stored[0].Kind, stored[0].TimeoutMs, stored[0].Retries, stored[0].Backoff, stored[0].CircuitBreaker, stored[0].Fallback, stored[0].Bulkhead, stored[0].Criticality, stored[0].Source, stored[0].Version, stored[0].CreatedAt, stored[0].UpdatedAt));
        Assert.Equal(
            (bare.Id, b.Id, (Guid?)null, (Guid?)orders.Id, InteractionKind.SharedDatabase, (ResourceAccess?)ResourceAccess.Read, (int?)null, (Criticality?)null),
            (stored[1].Id, stored[1].SourceServiceId, stored[1].TargetServiceId, stored[1].TargetResourceId, stored[1].Kind, stored[1].Access, stored[1].TimeoutMs, stored[1].Criticality));
    }

    [Fact]
    public async Task InsertAsync_AuditEntries_StoredInOrderWithTheClocksTime()
    {
        await using var db = Db.CreateContext();
        var entries = Enumerable.Range(1, 1_200)
            .Select(i => AuditLog.Entry(Actor.System with { Name = $"import:{i}" }, "service.create", "service", $"service:default/s{i}", i % 2 == 0 ? null : new { tier = i }, new { tier = i + 1 }, succeeded: i % 3 != 0))
            .ToList();

        await InTransactionAsync(db, () => db.InsertAsync(entries, Ct));

        await using var check = Db.CreateContext();
        var stored = await check.AuditEntries.OrderBy(e => e.Id).ToListAsync(Ct);
        Assert.Equal(entries.Select(e => (e.Actor, e.Action, e.EntityKey, e.Before, e.After, e.Succeeded)), stored.Select(e => (e.Actor, e.Action, e.EntityKey, e.Before, e.After, e.Succeeded)));
        Assert.All(stored, e => Assert.Equal(Start, e.At));
        Assert.Equal(1_200, stored.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public async Task TrackAsWritten_TouchedTeamSavedBeforeTheInsert_MembershipWrittenOnce()
    {
        await using (var db = Db.CreateContext())
        {
            var team = await db.Teams.SingleAsync(Ct);
            var ada = await db.People.SingleAsync(p => p.Name == "ada", Ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            _clock.Advance(TimeSpan.FromMinutes(5));
            team.AddMember(ada, MembershipRole.Lead);
            var membership = team.Memberships.Single();

            await InTransactionAsync(db, async () =>
            {
                db.TrackAsWritten([membership]);
                await db.SaveChangesAsync(Ct);
                await db.InsertAsync([membership], Ct);
                db.ChangeTracker.DetectChanges();
                await db.SaveChangesAsync(Ct);
            });

            Assert.Equal(EntityState.Unchanged, db.Entry(membership).State);
            Assert.Contains(membership, ada.Memberships);
        }

        await using var check = Db.CreateContext();
        var stored = await check.TeamMemberships.Include(m => m.Person).SingleAsync(Ct);
        Assert.Equal(("ada", MembershipRole.Lead, Start.AddMinutes(5)), (stored.Person.Name, stored.Role, stored.CreatedAt));
        var saved = await check.Teams.SingleAsync(Ct);
        Assert.Equal((1, Start.AddMinutes(5)), (saved.Version, saved.UpdatedAt));
    }

    [Fact]
    public async Task InsertAsync_Edges_RaisesTheGraphVersion()
    {
        long before;
        await using (var db = Db.CreateContext())
        {
            before = (await db.GraphStates.SingleAsync(g => g.Id == GraphState.SingletonId, Ct)).Version;
            var (a, b) = (await db.Services.SingleAsync(s => s.Name == "a", Ct), await db.Services.SingleAsync(s => s.Name == "b", Ct));
            await InTransactionAsync(db, () => db.InsertAsync([Dependency.ToService(a, b, InteractionKind.AsyncEvent)], Ct));
        }

        await using var check = Db.CreateContext();
        Assert.Equal(before + 1, (await check.GraphStates.SingleAsync(g => g.Id == GraphState.SingletonId, Ct)).Version);
    }

    [Fact]
    public async Task InsertAsync_DebtRows_RaiseTheDebtRegisterVersion()
    {
        // The register caches its page totals by this version: a bulk write that left it alone would serve stale counts.
        long before;
        await using (var db = Db.CreateContext())
        {
            var item = new DebtItem("Orders share one database", ScalingSignal.DataModel, DebtKind.Architecture, DebtQuadrant.DeliberatePrudent, 3, 3, 5, "ada", Start);
            db.DebtItems.Add(item);
            await db.SaveChangesAsync(Ct);
            before = (await db.DebtRegisterStates.SingleAsync(s => s.Id == DebtRegisterState.SingletonId, Ct)).Version;
            var a = await db.Services.SingleAsync(s => s.Name == "a", Ct);
            await InTransactionAsync(db, () => db.InsertAsync([new DebtItemService(item, a)], Ct));
        }

        await using var check = Db.CreateContext();
        Assert.Equal(before + 1, (await check.DebtRegisterStates.SingleAsync(s => s.Id == DebtRegisterState.SingletonId, Ct)).Version);
    }

    [Fact]
    public async Task InsertAsync_KeyAlreadyStored_ThrowsAndKeepsNothingOfTheBatch()
    {
        // PostgreSQL copies the rows in one stream: a refused row must fail the whole copy, not keep the rows before it.
        await using var db = Db.CreateContext();
        var (a, b) = (await db.Services.SingleAsync(s => s.Name == "a", Ct), await db.Services.SingleAsync(s => s.Name == "b", Ct));
        var stored = Dependency.ToService(a, b, InteractionKind.AsyncEvent);
        await InTransactionAsync(db, () => db.InsertAsync([stored], Ct));
        var fresh = Dependency.ToService(b, a, InteractionKind.SyncHttp);

        await using (var transaction = await db.Database.BeginTransactionAsync(Ct))
        {
            await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.InsertAsync([fresh, stored], Ct));
        }

        await using var check = Db.CreateContext();
        Assert.Equal([stored.Id], await check.Dependencies.Select(d => d.Id).ToListAsync(Ct));
    }

    [Fact]
    public async Task InsertAsync_NoTransaction_RefusesAndWritesNothing()
    {
        await using var db = Db.CreateContext();
        var (a, b) = (await db.Services.SingleAsync(s => s.Name == "a", Ct), await db.Services.SingleAsync(s => s.Name == "b", Ct));

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.InsertAsync([Dependency.ToService(a, b, InteractionKind.AsyncEvent)], Ct));

        Assert.False(await db.Dependencies.AnyAsync(Ct));
    }

    [Fact]
    public async Task TrackAsWritten_RowsWithADatabaseGeneratedId_Refused()
    {
        await using var db = Db.CreateContext();

        Assert.Throws<InvalidOperationException>(() => db.TrackAsWritten([AuditLog.Entry(Actor.System, "x", "y", "z", null, null)]));
    }

    /// <summary>As the importer runs: one transaction, retried as a unit by the provider's execution strategy.</summary>
    private static Task InTransactionAsync(PortalDbContext db, Func<Task> work) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await work();
            await transaction.CommitAsync(Ct);
        });
}

public sealed class SqliteBulkInsertTests() : BulkInsertTests(TestProvider.Sqlite);

public sealed class PostgresBulkInsertTests() : BulkInsertTests(TestProvider.Postgres);
