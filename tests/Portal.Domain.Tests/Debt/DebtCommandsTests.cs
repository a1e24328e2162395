using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Commands;
using Portal.Testing;

namespace Portal.Domain.Tests.Debt;

public abstract class DebtCommandsTests(TestProvider provider) : DebtTestCatalog(provider)
{
    [Fact]
    public async Task CreateAsync_EditorOfOwningTeam_CreatesScoresAndAudits()
    {
        var (id, version) = await Commands().CreateAsync(Ada, Edit(), ct: Ct);

        await using var db = Db.CreateContext();
        var item = await db.DebtItems.Include(i => i.Services).SingleAsync(i => i.Id == id, Ct);
        Assert.Equal(0, version);
        Assert.Equal(PaymentsTeam, item.OwnerTeamId);
        Assert.False(item.OwnerOverridden);
        Assert.True(item.Priority > 0);
        Assert.Equal(item.CostOfDelay / 5, item.Priority, 9);
        var audit = await db.AuditEntries.SingleAsync(Ct);
        Assert.Equal(("ada", "debt.create", "debt-item", id.ToString(), true), (audit.Actor, audit.Action, audit.EntityType, audit.EntityKey, audit.Succeeded));
    }

    [Fact]
    public async Task CreateAsync_Viewer_IsRefusedAndTheAttemptAudited()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => Commands().CreateAsync(Val, Edit(), ct: Ct));

        await using var db = Db.CreateContext();
        Assert.Empty(await db.DebtItems.ToListAsync(Ct));
        var audit = await db.AuditEntries.SingleAsync(Ct);
        Assert.Equal(("val", "debt.create.denied", false), (audit.Actor, audit.Action, audit.Succeeded));
    }

    [Fact]
    public async Task CreateAsync_EditorOfAnotherTeamsService_IsRefused() =>
        await Assert.ThrowsAsync<ForbiddenException>(() => Commands().CreateAsync(Wes, Edit(services: ["payments"]), ct: Ct));

    [Fact]
    public async Task CreateAsync_SameTitleOnTheSameService_WarnsUnlessAllowed()
    {
        var commands = Commands();
        var (first, _) = await commands.CreateAsync(Ada, Edit(), ct: Ct);

        var ex = await Assert.ThrowsAsync<DuplicateDebtException>(() => commands.CreateAsync(Ada, Edit(title: "  LEDGER writes lack idempotency keys "), ct: Ct));
        Assert.Equal(first, ex.Duplicates.Single().Id);

        await commands.CreateAsync(Ada, Edit(), allowDuplicate: true, ct: Ct);
        await commands.CreateAsync(Ada, Edit(services: ["checkout"]), ct: Ct);
        await using var db = Db.CreateContext();
        Assert.Equal(3, await db.DebtItems.CountAsync(Ct));
    }

    [Theory]
    [InlineData(new string[0], "services")]
    [InlineData(new[] { "no-such-service" }, "services")]
    public async Task CreateAsync_BadServices_NamesTheField(string[] services, string field)
    {
        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => Commands().CreateAsync(Root, Edit(services: services), ct: Ct));
        Assert.Equal(field, ex.Field);
    }

    [Fact]
    public async Task CreateAsync_SeveralServices_OwnerIsTheMostCriticalServicesTeam()
    {
        var (id, _) = await Commands().CreateAsync(Root, Edit(services: ["web-app", "payments"]), ct: Ct);
        await using var db = Db.CreateContext();
        Assert.Equal(PaymentsTeam, (await db.DebtItems.SingleAsync(i => i.Id == id, Ct)).OwnerTeamId);
    }

    [Fact]
    public async Task CreateAsync_EditorNamesAnotherTeamAsOwner_IsRefused() =>
        await Assert.ThrowsAsync<ForbiddenException>(() => Commands().CreateAsync(Ada, Edit(owner: "web"), ct: Ct));

    [Fact]
    public async Task CreateAsync_PlannedWithoutQuarter_NamesQuarterAndWritesNothing()
    {
        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => Commands().CreateAsync(Ada, Edit(status: DebtStatus.Planned), ct: Ct));
        Assert.Equal("targetQuarter", ex.Field);
        await using var db = Db.CreateContext();
        Assert.Equal(0, await db.DebtItems.CountAsync(Ct));
        Assert.Equal(0, await db.AuditEntries.CountAsync(Ct));
    }

    [Fact]
    public async Task UpdateAsync_StaleVersion_ThrowsConflictAndKeepsTheOtherEdit()
    {
        var commands = Commands();
        var (id, _) = await commands.CreateAsync(Ada, Edit(), ct: Ct);
        await commands.UpdateAsync(Ada, id, Edit(likelihood: 5), 0, ct: Ct);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => commands.UpdateAsync(Root, id, Edit(likelihood: 1), 0, ct: Ct));

        await using var db = Db.CreateContext();
        var item = await db.DebtItems.SingleAsync(Ct);
        Assert.Equal((5, 1), (item.Likelihood, item.Version));
    }

    [Fact]
    public async Task UpdateAsync_EditorOfAnotherTeam_IsRefusedAndAudited()
    {
        var (id, _) = await Commands().CreateAsync(Ada, Edit(), ct: Ct);
        await Assert.ThrowsAsync<ForbiddenException>(() => Commands().UpdateAsync(Wes, id, Edit(services: ["web-app"]), 0, ct: Ct));

        await using var db = Db.CreateContext();
        Assert.Contains(await db.AuditEntries.ToListAsync(Ct), a => a is { Action: "debt.update.denied", Succeeded: false, Actor: "wes" });
    }

    [Fact]
    public async Task SetStatusAsync_MixedSelection_ChangesWhatItMayAndSaysWhyNotForTheRest()
    {
        var commands = Commands();
        var (mine, _) = await commands.CreateAsync(Root, Edit(title: "Mine"), ct: Ct);
        var (theirs, _) = await commands.CreateAsync(Root, Edit(title: "Theirs", services: ["web-app"]), ct: Ct);

        var result = await commands.SetStatusAsync(Ada, new Dictionary<Guid, int> { [mine] = 0, [theirs] = 0 }, new DebtStatusChange(DebtStatus.Planned, "2027-Q1"), Ct);

        Assert.Equal([mine], result.Changed.Select(c => c.Id));
        Assert.Equal("not yours to change", result.Refused.Single().Reason);
        await using var db = Db.CreateContext();
        var planned = await db.DebtItems.SingleAsync(i => i.Id == mine, Ct);
        Assert.Equal((DebtStatus.Planned, "2027-Q1"), (planned.Status, planned.TargetQuarter));
    }

    [Fact]
    public async Task SetStatusAsync_WontFixWithoutReason_IsRefusedPerItem()
    {
        var (id, _) = await Commands().CreateAsync(Ada, Edit(), ct: Ct);
        var result = await Commands().SetStatusAsync(Ada, new Dictionary<Guid, int> { [id] = 0 }, new DebtStatusChange(DebtStatus.WontFix), Ct);
        Assert.Empty(result.Changed);
        Assert.StartsWith("wontFixReason", result.Refused.Single().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetStatusAsync_AlreadySo_NotSavedNotAuditedAndSaid()
    {
        var (id, _) = await Commands().CreateAsync(Ada, Edit(), ct: Ct);
        var wontFix = new DebtStatusChange(DebtStatus.WontFix, null, "Retired next year", Today.AddDays(30));
        await Commands().SetStatusAsync(Ada, new Dictionary<Guid, int> { [id] = 0 }, wontFix, Ct);

        var again = await Commands().SetStatusAsync(Ada, new Dictionary<Guid, int> { [id] = 1 }, wontFix, Ct);

        Assert.Empty(again.Changed);
        Assert.Equal(DebtCommands.AlreadySo, again.Refused.Single().Reason);
        await using var db = Db.CreateContext();
        Assert.Equal(1, (await db.DebtItems.SingleAsync(Ct)).Version);
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "debt.status", Ct));
    }

    [Fact]
    public async Task AddReportAsync_Viewer_AddsItRaisesInterestAndMovesTheVersionOn()
    {
        var (id, _) = await Commands().CreateAsync(Ada, Edit(), ct: Ct);

        await Commands().AddReportAsync(Val, id, new NewDebtReport(Today.AddDays(-3), 6, "Lost 6 h to a flaky deploy", "INC-123"), Ct);

        await using var db = Db.CreateContext();
        var item = await db.DebtItems.SingleAsync(Ct);
        Assert.Equal(2, item.InterestHoursPerMonth, 9);
        Assert.Equal(1, item.Version);
        var report = await db.DebtReports.SingleAsync(Ct);
        Assert.Equal(("val", "Val", "INC-123"), (report.Author, report.AuthorDisplayName, report.Incident));
        Assert.Contains(await db.AuditEntries.ToListAsync(Ct), a => a.Action == "debt.report" && a.Actor == "val");
    }

    [Fact]
    public async Task AddReportAsync_UnknownItem_IsNotFound() =>
        await Assert.ThrowsAsync<NotFoundException>(() => Commands().AddReportAsync(Val, Guid.NewGuid(), new NewDebtReport(Today, 1, "x", null), Ct));
}

public sealed class SqliteDebtCommandsTests() : DebtCommandsTests(TestProvider.Sqlite);

public sealed class PostgresDebtCommandsTests() : DebtCommandsTests(TestProvider.Postgres);
