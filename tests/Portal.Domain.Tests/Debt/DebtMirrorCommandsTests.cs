using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Debt.Queries;
using Portal.Domain.Security;
using Portal.Domain.Signals;
using Portal.Domain.Sync;
using Portal.Testing;

namespace Portal.Domain.Tests.Debt;

public abstract class DebtMirrorCommandsTests(TestProvider provider) : DebtTestCatalog(provider)
{
    private static readonly Actor Sync = new("github:acme/payments", "GitHub acme/payments", PortalRole.Admin, new HashSet<Guid>());

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Db.CreateContext();
        var payments = await db.Services.SingleAsync(s => s.Name == "payments", Ct);
        var repository = new GitHubRepository(1, "acme", "payments");
        repository.Describe("acme", "payments", "R_1", null, null, [], "main", "https://github.com/acme/payments", false, false, null);
        repository.LinkService(payments.Id);
        var archived = new GitHubRepository(2, "acme", "old-tool");
        archived.Describe("acme", "old-tool", "R_2", null, null, [], "main", "https://github.com/acme/old-tool", true, false, null);
        db.GitHubRepositories.AddRange(repository, archived);
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task MirrorAsync_NewIssue_CreatesScoredAuditedItemOnTheRepositoryService()
    {
        var result = await Mirror().MirrorAsync(Sync, Issue(labels: ["tech-debt", "debt:impact/5", "debt:effort/x"]), Ct);

        Assert.Equal(DebtMirrorChange.Created, result.Change);
        Assert.Contains("debt:effort/x", Assert.Single(result.Problems), StringComparison.Ordinal);
        await using var db = Db.CreateContext();
        var item = await db.DebtItems.Include(i => i.Services).SingleAsync(Ct);
        Assert.Equal((PaymentsTeam, 5, DebtLabels.DefaultEffortDays, true), (item.OwnerTeamId, item.Impact, item.EffortDays, item.IsMirrored));
        Assert.True(item.Priority > 0);
        var audit = await db.AuditEntries.SingleAsync(Ct);
        Assert.Equal((DebtMirrorCommands.CreateAction, "github:acme/payments"), (audit.Action, audit.Actor));
    }

    [Fact]
    public async Task MirrorAsync_SameIssueTwice_SecondWritesNothing()
    {
        var mirror = Mirror();
        await mirror.MirrorAsync(Sync, Issue(), Ct);

        var again = await mirror.MirrorAsync(Sync, Issue(), Ct);

        Assert.Equal(DebtMirrorChange.Unchanged, again.Change);
        await using var db = Db.CreateContext();
        Assert.Equal((0, 1), (await db.DebtItems.Select(i => i.Version).SingleAsync(Ct), await db.AuditEntries.CountAsync(Ct)));
    }

    [Fact]
    public async Task MirrorAsync_ArchivedRepositoryOrNoService_NothingWritten()
    {
        var archived = await Mirror().MirrorAsync(Sync, Issue(repository: "old-tool"), Ct);
        var unknown = await Mirror().MirrorAsync(Sync, Issue(repository: "unknown"), Ct);

        Assert.Equal(DebtMirrorChange.Ignored, archived.Change);
        Assert.Equal(DebtMirrorChange.Refused, unknown.Change);
        Assert.Contains("acme/unknown has no service", Assert.Single(unknown.Problems), StringComparison.Ordinal);
        await using var db = Db.CreateContext();
        Assert.Empty(await db.DebtItems.ToListAsync(Ct));
    }

    [Fact]
    public async Task UpdateAsync_PersonChangesTheTitleOfAMirroredItem_RefusedNamingTheField()
    {
        var id = (await Mirror().MirrorAsync(Sync, Issue(), Ct)).ItemId!.Value;
        var edit = Edit(title: "My better title") with { Description = "Body", Links = [new DebtLink(DebtLinkKind.GitHubIssue, Url)] };

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => Commands().UpdateAsync(Root, id, edit, 0, ct: Ct));

        Assert.Equal("title", ex.Field);
        await using var db = Db.CreateContext();
        Assert.Equal("Retry storm in invoices", (await db.DebtItems.SingleAsync(Ct)).Title);
        Assert.Contains(await db.AuditEntries.ToListAsync(Ct), a => a.Action == "debt.update.denied" && !a.Succeeded);
    }

    [Fact]
    public async Task UpdateAsync_PersonChangesPeoplesFieldsOfAMirroredItem_Saved()
    {
        var id = (await Mirror().MirrorAsync(Sync, Issue(), Ct)).ItemId!.Value;
        var edit = Edit(title: "Retry storm in invoices", likelihood: 5, effort: 8, status: DebtStatus.Accepted)
            with { Description = "Body", Links = [new DebtLink(DebtLinkKind.GitHubIssue, Url, "acme/payments#7")] };

        await Commands().UpdateAsync(Root, id, edit, 0, ct: Ct);
        var again = await Mirror().MirrorAsync(Sync, Issue(), Ct);

        Assert.Equal(DebtMirrorChange.Unchanged, again.Change);
        await using var db = Db.CreateContext();
        var item = await db.DebtItems.SingleAsync(Ct);
        Assert.Equal((5, 8.0, DebtStatus.Accepted), (item.Likelihood, item.EffortDays, item.Status));
    }

    [Fact]
    public async Task SetStatusAsync_BulkDoneOnAMirroredItem_RefusedAndAudited()
    {
        var id = (await Mirror().MirrorAsync(Sync, Issue(), Ct)).ItemId!.Value;

        var result = await Commands().SetStatusAsync(Root, new Dictionary<Guid, int> { [id] = 0 }, new DebtStatusChange(DebtStatus.Done, null, null, null), Ct);

        Assert.Empty(result.Changed);
        Assert.Contains("GitHub", Assert.Single(result.Refused).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReleaseMissingAsync_IssueNoLongerFound_ReleasedUnlessItsRepositoryIsArchived()
    {
        var mirror = Mirror();
        await mirror.MirrorAsync(Sync, Issue(), Ct);
        await using (var db = Db.CreateContext())
        {
            var item = new DebtItem("Old tool on Python 2", ScalingSignal.CompoundingShortcuts, DebtKind.Code, DebtQuadrant.DeliberatePrudent, 2, 2, 2, "github:acme", Now);
            item.StartMirroring("https://github.com/acme/old-tool/issues/1", Now);
            db.DebtItems.Add(item);
            await db.SaveChangesAsync(Ct);
        }

        var released = await mirror.ReleaseMissingAsync(Sync, "acme", new HashSet<string>(), "label removed", Ct);

        Assert.Equal(1, released);
        await using var check = Db.CreateContext();
        var items = await check.DebtItems.OrderBy(i => i.Title).Select(i => new { i.Title, i.Source }).ToListAsync(Ct);
        Assert.Equal([("Old tool on Python 2", DataSource.GitHub), ("Retry storm in invoices", DataSource.Manual)], items.Select(i => (i.Title, i.Source)));
        Assert.Contains("label removed", await check.AuditEntries.Where(a => a.Action == DebtMirrorCommands.ReleaseAction).Select(a => a.After!).SingleAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAsync_SourceFilter_SeparatesItemsFromGitHub()
    {
        await Mirror().MirrorAsync(Sync, Issue(), Ct);
        await Commands().CreateAsync(Root, Edit(title: "Checkout has no load test"), ct: Ct);
        var queries = Queries();

        var github = await queries.ListAsync(new DebtQuery { Source = "github" }, Ct);
        var portal = await queries.ListAsync(new DebtQuery { Source = "portal" }, Ct);

        Assert.Equal(["Retry storm in invoices"], github.Items.Select(i => i.Title));
        Assert.Equal(["Checkout has no load test"], portal.Items.Select(i => i.Title));
        Assert.Equal("source", (await Assert.ThrowsAsync<DomainValidationException>(() => queries.ListAsync(new DebtQuery { Source = "jira" }, Ct))).Field);
    }

    private const string Url = "https://github.com/acme/payments/issues/7";

    private DebtMirrorCommands Mirror() => new(Db.Factory, Scores(), Clock);

    private static MirroredIssue Issue(string repository = "payments", IReadOnlyList<string>? labels = null) =>
        new(repository == "payments" ? Url : $"https://github.com/acme/{repository}/issues/7", "acme", repository, 7, "Retry storm in invoices", "Body",
            false, false, null, labels ?? ["tech-debt"]);
}

public sealed class SqliteDebtMirrorCommandsTests() : DebtMirrorCommandsTests(TestProvider.Sqlite);

public sealed class PostgresDebtMirrorCommandsTests() : DebtMirrorCommandsTests(TestProvider.Postgres);
