using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Commands;
using Portal.Testing;

namespace Portal.Domain.Tests.Debt;

/// <summary>Who may change what, concurrent changes, and the limits on reports of pain.</summary>
public abstract class DebtCommandsRulesTests(TestProvider provider) : DebtTestCatalog(provider)
{
    [Fact]
    public async Task CreateAsync_EditorNamesOwnTeamOnAnotherTeamsService_IsRefusedAndAudited()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => Commands().CreateAsync(Ada, Edit(services: ["web-app"], owner: "payments-core"), ct: Ct));

        await using var db = Db.CreateContext();
        Assert.Empty(await db.DebtItems.ToListAsync(Ct));
        var audit = await db.AuditEntries.SingleAsync(Ct);
        Assert.Equal(("ada", "debt.create.denied", false), (audit.Actor, audit.Action, audit.Succeeded));
        Assert.Contains("web-app", audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_EditorAddsAnotherTeamsServiceToOwn_IsRefused() =>
        await Assert.ThrowsAsync<ForbiddenException>(() => Commands().CreateAsync(Ada, Edit(services: ["payments", "web-app"]), ct: Ct));

    [Fact]
    public async Task UpdateAsync_EditorOfTheOwnerTeamOnAnotherTeamsService_IsRefused()
    {
        var (id, _) = await Commands().CreateAsync(Root, Edit(services: ["web-app"], owner: "payments-core"), ct: Ct);

        await Assert.ThrowsAsync<ForbiddenException>(() => Commands().UpdateAsync(Ada, id, Edit(services: ["web-app"], owner: "payments-core", likelihood: 5), 0, ct: Ct));

        await using var db = Db.CreateContext();
        Assert.Equal(3, (await db.DebtItems.SingleAsync(Ct)).Likelihood);
        Assert.Contains(await db.AuditEntries.ToListAsync(Ct), a => a is { Action: "debt.update.denied", Actor: "ada", Succeeded: false });
    }

    [Fact]
    public async Task UpdateAsync_EditorMovesOwnItemOntoAnotherTeamsService_IsRefused()
    {
        var (id, _) = await Commands().CreateAsync(Ada, Edit(), ct: Ct);
        await Assert.ThrowsAsync<ForbiddenException>(() => Commands().UpdateAsync(Ada, id, Edit(services: ["payments", "web-app"]), 0, ct: Ct));
    }

    [Fact]
    public async Task UpdateAsync_OwnerAnAdminChoseIsKept_EditorOfTheServiceMaySave()
    {
        var (id, _) = await Commands().CreateAsync(Root, Edit(owner: "web"), ct: Ct);

        var version = await Commands().UpdateAsync(Ada, id, Edit(owner: "web", likelihood: 5), 0, ct: Ct);

        await using var db = Db.CreateContext();
        var item = await db.DebtItems.SingleAsync(Ct);
        Assert.Equal((1, 5, WebTeam, true), (version, item.Likelihood, item.OwnerTeamId, item.OwnerOverridden));
    }

    [Fact]
    public async Task UpdateAsync_EditorMakesAnotherTeamAccountable_IsRefusedAndAudited()
    {
        var (id, _) = await Commands().CreateAsync(Ada, Edit(), ct: Ct);

        await Assert.ThrowsAsync<ForbiddenException>(() => Commands().UpdateAsync(Ada, id, Edit(owner: "web"), 0, ct: Ct));

        await using var db = Db.CreateContext();
        Assert.Equal(PaymentsTeam, (await db.DebtItems.SingleAsync(Ct)).OwnerTeamId);
        var denied = await db.AuditEntries.SingleAsync(a => a.Action == "debt.update.denied", Ct);
        Assert.Contains("web", denied.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateAsync_ProposedStraightToDone_NamesTheStatusAndWhereItCanGo()
    {
        var (id, _) = await Commands().CreateAsync(Ada, Edit(), ct: Ct);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => Commands().UpdateAsync(Ada, id, Edit(status: DebtStatus.Done), 0, ct: Ct));

        Assert.Equal("status", ex.Field);
        Assert.Contains("from Proposed it can go to Accepted", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetStatusAsync_ItemOfEditorsTeamOnAnotherTeamsService_IsRefused()
    {
        var (id, _) = await Commands().CreateAsync(Root, Edit(services: ["web-app"], owner: "payments-core"), ct: Ct);

        var result = await Commands().SetStatusAsync(Ada, new Dictionary<Guid, int> { [id] = 0 }, new DebtStatusChange(DebtStatus.Accepted), Ct);

        Assert.Empty(result.Changed);
        Assert.Equal("not yours to change", result.Refused.Single().Reason);
    }

    [Fact]
    public async Task SetStatusAsync_ItemSavedSinceItWasSeen_IsReportedNotOverwritten()
    {
        var commands = Commands();
        var (stale, _) = await commands.CreateAsync(Ada, Edit(title: "Edited meanwhile"), ct: Ct);
        var (fresh, _) = await commands.CreateAsync(Ada, Edit(title: "Untouched"), ct: Ct);
        await commands.UpdateAsync(Ada, stale, Edit(title: "Edited meanwhile", likelihood: 5), 0, ct: Ct);

        var result = await commands.SetStatusAsync(Ada, new Dictionary<Guid, int> { [stale] = 0, [fresh] = 0 }, new DebtStatusChange(DebtStatus.Accepted), Ct);

        Assert.Equal([fresh], result.Changed.Select(c => c.Id));
        Assert.Equal(stale, result.Refused.Single().Item.Id);
        Assert.Contains("someone else saved it", result.Refused.Single().Reason, StringComparison.Ordinal);
        await using var db = Db.CreateContext();
        var item = await db.DebtItems.SingleAsync(i => i.Id == stale, Ct);
        Assert.Equal((DebtStatus.Proposed, 5, 1), (item.Status, item.Likelihood, item.Version));
        Assert.Contains(await db.AuditEntries.ToListAsync(Ct), a => a.Action == "debt.status.denied" && a.EntityKey == stale.ToString());
    }

    [Fact]
    public async Task AddReportAsync_RecomputationReadBeforeTheReport_CannotWriteOlderNumbers()
    {
        var (id, _) = await Commands().CreateAsync(Ada, Edit(), ct: Ct);
        await Commands().AddReportAsync(Val, id, new NewDebtReport(Today, 30, "Lost a week to a flaky deploy", null), Ct);

        // A recomputation that read the item (version 0) before the report tries to store its numbers.
        await using (var db = Db.CreateContext())
        {
            await DebtScoreWriter.WriteAsync(db, [new(id, 0, new DebtScoreValues(0, 0, 1, 1, 1, 0.2))], Now, Ct);
        }

        await using var check = Db.CreateContext();
        var item = await check.DebtItems.SingleAsync(Ct);
        Assert.Equal(10, item.InterestHoursPerMonth, 9);
        Assert.True(item.CostOfDelay > 30);
    }

    [Fact]
    public void NewReport_MoreThanAWorkingWeek_NamesHours()
    {
        var ex = Assert.Throws<DomainValidationException>(() => new DebtReport(Guid.NewGuid(), Today, 41, "A bad month", null, "val", "Val", Today, Now));
        Assert.Equal("hours", ex.Field);
    }

    [Fact]
    public async Task AddReportAsync_OverTheDailyLimit_IsRefusedAndAudited()
    {
        var (id, _) = await Commands().CreateAsync(Ada, Edit(), ct: Ct);
        for (var i = 0; i < DebtReport.MaxPerPersonPerDay; i++)
        {
            await Commands().AddReportAsync(Val, id, new NewDebtReport(Today, 1, $"Flaky deploy {i}", null), Ct);
        }

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => Commands().AddReportAsync(Val, id, new NewDebtReport(Today, 1, "One more", null), Ct));

        Assert.Equal("report", ex.Field);
        await using var db = Db.CreateContext();
        Assert.Equal(DebtReport.MaxPerPersonPerDay, await db.DebtReports.CountAsync(Ct));
        Assert.Contains(await db.AuditEntries.ToListAsync(Ct), a => a is { Action: "debt.report.denied", Actor: "val", Succeeded: false });
    }

    [Fact]
    public async Task AddReportAsync_NextDay_IsAllowedAgain()
    {
        var (id, _) = await Commands().CreateAsync(Ada, Edit(), ct: Ct);
        for (var i = 0; i < DebtReport.MaxPerPersonPerDay; i++)
        {
            await Commands().AddReportAsync(Val, id, new NewDebtReport(Today, 1, $"Flaky deploy {i}", null), Ct);
        }

        Clock.Advance(TimeSpan.FromDays(1));
        await Commands().AddReportAsync(Val, id, new NewDebtReport(Today, 1, "Again", null), Ct);

        await using var db = Db.CreateContext();
        Assert.Equal(DebtReport.MaxPerPersonPerDay + 1, await db.DebtReports.CountAsync(Ct));
    }

    [Fact]
    public async Task RemoveReportAsync_EditorOfTheOwningTeam_StopsItCountingKeepsItAndAudits()
    {
        var (id, _) = await Commands().CreateAsync(Ada, Edit(), ct: Ct);
        var report = await Commands().AddReportAsync(Val, id, new NewDebtReport(Today, 30, "Lost a week", null), Ct);

        await Commands().RemoveReportAsync(Ada, id, report, "Not caused by this item: the deploy tool was down", Ct);

        await using var db = Db.CreateContext();
        var item = await db.DebtItems.SingleAsync(Ct);
        Assert.Equal((0.0, 2), (item.InterestHoursPerMonth, item.Version));
        var row = await db.DebtReports.SingleAsync(Ct);
        Assert.Equal(("ada", "Not caused by this item: the deploy tool was down"), (row.RemovedBy, row.RemovalReason));
        Assert.Contains(await db.AuditEntries.ToListAsync(Ct), a => a is { Action: "debt.report.remove", Actor: "ada", Succeeded: true });
    }

    [Fact]
    public async Task RemoveReportAsync_AnotherTeamsEditor_IsRefusedAndAudited()
    {
        var (id, _) = await Commands().CreateAsync(Ada, Edit(), ct: Ct);
        var report = await Commands().AddReportAsync(Val, id, new NewDebtReport(Today, 30, "Lost a week", null), Ct);

        await Assert.ThrowsAsync<ForbiddenException>(() => Commands().RemoveReportAsync(Wes, id, report, "I do not believe it", Ct));

        await using var db = Db.CreateContext();
        Assert.Null((await db.DebtReports.SingleAsync(Ct)).RemovedAt);
        Assert.Contains(await db.AuditEntries.ToListAsync(Ct), a => a is { Action: "debt.report.remove.denied", Actor: "wes", Succeeded: false });
    }

    [Fact]
    public async Task RemoveReportAsync_WithoutReason_NamesReason()
    {
        var (id, _) = await Commands().CreateAsync(Ada, Edit(), ct: Ct);
        var report = await Commands().AddReportAsync(Val, id, new NewDebtReport(Today, 3, "Lost a morning", null), Ct);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => Commands().RemoveReportAsync(Ada, id, report, " ", Ct));
        Assert.Equal("reason", ex.Field);
    }
}

public sealed class SqliteDebtCommandsRulesTests() : DebtCommandsRulesTests(TestProvider.Sqlite);

public sealed class PostgresDebtCommandsRulesTests() : DebtCommandsRulesTests(TestProvider.Postgres);
