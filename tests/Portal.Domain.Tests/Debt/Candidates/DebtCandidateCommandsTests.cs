using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain.Catalog.Queries;
using Portal.Domain.Common;
using Portal.Domain.Debt.Candidates;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Debt.Queries;
using Portal.Domain.Graph.Queries;
using Portal.Testing;

namespace Portal.Domain.Tests.Debt.Candidates;

/// <summary>
/// Accepting and dismissing suggestions over <see cref="DebtTestCatalog"/>, whose teams have no members: each service
/// is an ownership finding ("owned by a team with no members"), the payments one touching payments-core.
/// </summary>
public abstract class DebtCandidateCommandsTests(TestProvider provider) : DebtTestCatalog(provider)
{
    private const string PaymentsKey = "ownership:OwnerWithoutMembers:payments";

    private DebtCandidateQueries Candidates() =>
        new(Db.Factory, new GraphService(Db.Factory), new OwnershipHealth(Db.Factory), Options.Create(new OwnershipThresholds()));

    private DebtCandidateCommands Decisions() => new(Db.Factory, Candidates(), Clock);

    private async Task<IReadOnlyList<string>> OpenKeysAsync() => [.. (await Candidates().OpenAsync(Ct)).Select(c => c.Key)];

    [Fact]
    public async Task OpenAsync_TeamsWithoutMembers_SuggestsEachOwnershipFinding()
    {
        var payments = Assert.Single(await Candidates().OpenAsync(Ct), c => c.Key == PaymentsKey);

        Assert.Equal(DebtCandidateOrigin.Ownership, payments.Origin);
        Assert.Equal(["payments"], payments.Services);
        Assert.Equal(["payments-core"], payments.Teams);
    }

    [Fact]
    public async Task DismissAsync_EditorOfTheTeam_LeavesTheListAndIsAuditedWithTheReason()
    {
        await Decisions().DismissAsync(Ada, PaymentsKey, "  Payments Core is being staffed this month  ", Ct);

        Assert.DoesNotContain(PaymentsKey, await OpenKeysAsync());
        var dismissal = Assert.Single(await Candidates().DismissedAsync(Ct));
        Assert.Equal((PaymentsKey, "Payments Core is being staffed this month", "ada", Now), (dismissal.Key, dismissal.Reason, dismissal.DismissedBy, dismissal.DismissedAt));
        await using var db = Db.CreateContext();
        var audit = await db.AuditEntries.SingleAsync(Ct);
        Assert.Equal(("ada", "debt.candidate.dismiss", "debt-candidate", PaymentsKey, true), (audit.Actor, audit.Action, audit.EntityType, audit.EntityKey, audit.Succeeded));
        Assert.Contains("being staffed", audit.After, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public async Task DismissAsync_WithoutAReason_NamesTheReasonAndWritesNothing(string? reason)
    {
        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => Decisions().DismissAsync(Ada, PaymentsKey, reason, Ct));

        Assert.Equal("reason", ex.Field);
        Assert.Contains(PaymentsKey, await OpenKeysAsync());
        await using var db = Db.CreateContext();
        Assert.Empty(await db.DebtCandidateDismissals.ToListAsync(Ct));
    }

    [Fact]
    public async Task DismissAsync_EditorOfAnotherTeam_IsRefusedAndTheAttemptAudited()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => Decisions().DismissAsync(Wes, PaymentsKey, "not ours", Ct));

        Assert.Contains(PaymentsKey, await OpenKeysAsync());
        await using var db = Db.CreateContext();
        var audit = await db.AuditEntries.SingleAsync(Ct);
        Assert.Equal(("wes", "debt.candidate.dismiss.denied", PaymentsKey, false), (audit.Actor, audit.Action, audit.EntityKey, audit.Succeeded));
    }

    [Fact]
    public async Task DismissAsync_Viewer_IsRefused() =>
        await Assert.ThrowsAsync<ForbiddenException>(() => Decisions().DismissAsync(Val, PaymentsKey, "no", Ct));

    [Fact]
    public async Task DismissAsync_UnknownOrAlreadyDismissed_IsNotFound()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => Decisions().DismissAsync(Root, "graph:spof:nothing", "no", Ct));
        await Decisions().DismissAsync(Root, PaymentsKey, "staffing", Ct);

        await Assert.ThrowsAsync<NotFoundException>(() => Decisions().DismissAsync(Ada, PaymentsKey, "again", Ct));
    }

    [Fact]
    public async Task RestoreAsync_ByWhoeverDismissed_SuggestsItAgainAndIsAudited()
    {
        await Decisions().DismissAsync(Ada, PaymentsKey, "staffing", Ct);

        await Decisions().RestoreAsync(Ada, PaymentsKey, Ct);

        Assert.Contains(PaymentsKey, await OpenKeysAsync());
        Assert.Empty(await Candidates().DismissedAsync(Ct));
        await using var db = Db.CreateContext();
        var restore = await db.AuditEntries.SingleAsync(a => a.Action == "debt.candidate.restore", Ct);
        Assert.Equal(("ada", PaymentsKey, true), (restore.Actor, restore.EntityKey, restore.Succeeded));
        Assert.Contains("staffing", restore.Before, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestoreAsync_SomeoneElsesDismissal_IsRefusedForEditorsAllowedForAdmins()
    {
        await Decisions().DismissAsync(Ada, PaymentsKey, "staffing", Ct);

        await Assert.ThrowsAsync<ForbiddenException>(() => Decisions().RestoreAsync(Wes, PaymentsKey, Ct));
        Assert.DoesNotContain(PaymentsKey, await OpenKeysAsync());
        await Decisions().RestoreAsync(Root, PaymentsKey, Ct);

        Assert.Contains(PaymentsKey, await OpenKeysAsync());
        await using var db = Db.CreateContext();
        Assert.Single(await db.AuditEntries.Where(a => a.Action == "debt.candidate.restore.denied" && !a.Succeeded).ToListAsync(Ct));
    }

    [Fact]
    public async Task CreateAsync_FromTheDraft_LinksTheFindingSoItIsNoLongerSuggested()
    {
        var candidate = Assert.Single(await Candidates().OpenAsync(Ct), c => c.Key == PaymentsKey);

        var (id, _) = await Commands().CreateAsync(Ada, candidate.Draft() with { EffortDays = 3 }, ct: Ct);

        Assert.DoesNotContain(PaymentsKey, await OpenKeysAsync());
        var item = await Queries().GetAsync(id, Ct);
        Assert.Equal(PaymentsKey, item!.FindingKey);
        Assert.Equal("/ownership", Assert.Single(item.Links).Url);
    }

    [Fact]
    public async Task CreateAsync_TheSameFindingTwice_WarnsWithTheFirstItem()
    {
        var draft = Assert.Single(await Candidates().OpenAsync(Ct), c => c.Key == PaymentsKey).Draft() with { EffortDays = 3 };
        var (first, _) = await Commands().CreateAsync(Ada, draft, ct: Ct);

        var ex = await Assert.ThrowsAsync<DuplicateDebtException>(() => Commands().CreateAsync(Root, draft with { Title = "Another title", Services = ["checkout"] }, ct: Ct));

        Assert.Equal(first, Assert.Single(ex.Duplicates).Id);
    }
}

public sealed class SqliteDebtCandidateCommandsTests() : DebtCandidateCommandsTests(TestProvider.Sqlite);

public sealed class PostgresDebtCandidateCommandsTests() : DebtCandidateCommandsTests(TestProvider.Postgres);
