using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Commands;
using Portal.Testing;

namespace Portal.Domain.Tests.Debt;

public abstract class CapacityCommandsTests(TestProvider provider) : DebtTestCatalog(provider)
{
    private static readonly Quarter Q1 = new(2027, 1);

    private static CapacityEdit Figures(double people = 6, int days = 60, double share = 20) => new(people, days, share, DebtAllocationMode.EverySprint);

    private CapacityCommands Capacity() => new(Db.Factory);

    [Fact]
    public async Task SetAsync_EditorOfTheTeam_SavesAndAudits()
    {
        var version = await Capacity().SetAsync(Ada, "payments-core", Q1, Figures(), null, Ct);

        await using var db = Db.CreateContext();
        var row = await db.TeamCapacities.SingleAsync(Ct);
        Assert.Equal((0, PaymentsTeam, "2027-Q1", 6d, 60, 20d), (version, row.TeamId, row.Quarter, row.People, row.WorkingDays, row.DebtSharePercent));
        var audit = await db.AuditEntries.SingleAsync(Ct);
        Assert.Equal(("ada", "debt.capacity.update", "team-capacity", "payments-core/2027-Q1", true), (audit.Actor, audit.Action, audit.EntityType, audit.EntityKey, audit.Succeeded));
    }

    [Fact]
    public async Task SetAsync_SecondChangeWithTheVersionRead_RaisesTheVersion()
    {
        var commands = Capacity();
        var v0 = await commands.SetAsync(Ada, "payments-core", Q1, Figures(), null, Ct);

        var v1 = await commands.SetAsync(Ada, "payments-core", Q1, Figures(share: 25), v0, Ct);

        await using var db = Db.CreateContext();
        Assert.Equal((0, 1, 25d), (v0, v1, (await db.TeamCapacities.SingleAsync(Ct)).DebtSharePercent));
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "debt.capacity.update", Ct));
    }

    [Fact]
    public async Task SetAsync_StaleVersion_ThrowsConflictAndKeepsTheOtherChange()
    {
        var commands = Capacity();
        await commands.SetAsync(Ada, "payments-core", Q1, Figures(), null, Ct);
        await commands.SetAsync(Root, "payments-core", Q1, Figures(people: 8), 0, Ct);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => commands.SetAsync(Ada, "payments-core", Q1, Figures(people: 3), 0, Ct));

        await using var db = Db.CreateContext();
        Assert.Equal(8, (await db.TeamCapacities.SingleAsync(Ct)).People);
    }

    [Fact]
    public async Task SetAsync_BothCreateTheQuartersFigures_SecondIsAConflict()
    {
        var commands = Capacity();
        await commands.SetAsync(Ada, "payments-core", Q1, Figures(), null, Ct);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => commands.SetAsync(Root, "payments-core", Q1, Figures(people: 2), null, Ct));
    }

    [Fact]
    public async Task SetAsync_EditorOfAnotherTeam_IsRefusedAndAudited()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => Capacity().SetAsync(Wes, "payments-core", Q1, Figures(), null, Ct));

        await using var db = Db.CreateContext();
        Assert.Empty(await db.TeamCapacities.ToListAsync(Ct));
        var audit = await db.AuditEntries.SingleAsync(Ct);
        Assert.Equal(("wes", "debt.capacity.denied", false), (audit.Actor, audit.Action, audit.Succeeded));
    }

    [Fact]
    public async Task SetAsync_Viewer_IsRefused() =>
        await Assert.ThrowsAsync<ForbiddenException>(() => Capacity().SetAsync(Val, "web", Q1, Figures(), null, Ct));

    [Fact]
    public async Task SetAsync_BadFigures_NamesTheFieldAndWritesNothing()
    {
        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => Capacity().SetAsync(Ada, "payments-core", Q1, Figures(share: 120), null, Ct));

        Assert.Equal("debtSharePercent", ex.Field);
        await using var db = Db.CreateContext();
        Assert.Equal((0, 0), (await db.TeamCapacities.CountAsync(Ct), await db.AuditEntries.CountAsync(Ct)));
    }

    [Fact]
    public async Task SetAsync_UnknownTeam_IsNotFound() =>
        await Assert.ThrowsAsync<NotFoundException>(() => Capacity().SetAsync(Root, "nobody", Q1, Figures(), null, Ct));
}

public sealed class SqliteCapacityCommandsTests() : CapacityCommandsTests(TestProvider.Sqlite);

public sealed class PostgresCapacityCommandsTests() : CapacityCommandsTests(TestProvider.Postgres);
