using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Security;
using Portal.Domain.Sync;
using Portal.Testing;

namespace Portal.Domain.Tests.Debt;

/// <summary>
/// Which item an issue is: found by GitHub's issue id, never by an address another issue may have taken since (a
/// repository renamed and recreated), and a release is not undone by a search answer no newer than it.
/// </summary>
public abstract class DebtMirrorIdentityTests(TestProvider provider) : DebtTestCatalog(provider)
{
    private const string Url = "https://github.com/acme/payments/issues/7";

    private static readonly Actor Sync = new("github:acme/payments", "GitHub acme/payments", PortalRole.Admin, new HashSet<Guid>());

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Db.CreateContext();
        var payments = await db.Services.SingleAsync(s => s.Name == "payments", Ct);
        var repository = new GitHubRepository(1, "acme", "payments");
        repository.Describe("acme", "payments", "R_1", null, null, [], "main", "https://github.com/acme/payments", false, false, null);
        repository.LinkService(payments.Id);
        db.GitHubRepositories.Add(repository);
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task MirrorAsync_NewIssueAtTheAddressOfAClosedItemsIssue_NewItemBesideTheOldOne()
    {
        var mirror = Mirror();
        var old = (await mirror.MirrorAsync(Sync, Issue(707), Ct)).ItemId;
        await mirror.MirrorAsync(Sync, Issue(707) with { Closed = true, ClosedAt = Now, UpdatedAt = Now.AddMinutes(1) }, Ct);

        // The repository was renamed and a new one took its name: its issue #7 has the old address and a new id.
        var created = await mirror.MirrorAsync(Sync, Issue(909, "The new repository's shortcut"), Ct);

        Assert.Equal(DebtMirrorChange.Created, created.Change);
        Assert.NotEqual(old, created.ItemId);
        await using var db = Db.CreateContext();
        var items = await db.DebtItems.AsNoTracking().OrderBy(i => i.CreatedAt).ThenBy(i => i.GitHubIssueId).ToListAsync(Ct);
        Assert.Equal([(707L, DebtStatus.Done), (909L, DebtStatus.Proposed)], items.Select(i => (i.GitHubIssueId!.Value, i.Status)));
        Assert.All(items, i => Assert.Equal(Url, i.ExternalUrl));
    }

    [Fact]
    public async Task ReleaseAsync_NewIssueAtAnOldAddressLosesItsLabel_OnlyItsOwnItemReleased()
    {
        var mirror = Mirror();
        await mirror.MirrorAsync(Sync, Issue(707) with { Closed = true, ClosedAt = Now }, Ct);
        await mirror.MirrorAsync(Sync, Issue(707) with { Closed = false, Title = "Reopened, so it is followed" }, Ct);
        await mirror.MirrorAsync(Sync, Issue(707) with { Closed = true, ClosedAt = Now, UpdatedAt = Now.AddMinutes(1) }, Ct);

        var nobody = await mirror.ReleaseAsync(Sync, "acme", "payments", 7, 909, "label removed", Ct);
        var created = await mirror.MirrorAsync(Sync, Issue(909, "The new repository's shortcut"), Ct);
        var released = await mirror.ReleaseAsync(Sync, "acme", "payments", 7, 909, "label removed", Ct);

        Assert.Equal(DebtMirrorChange.Ignored, nobody.Change);
        Assert.Equal((DebtMirrorChange.Released, created.ItemId), (released.Change, released.ItemId));
        await using var db = Db.CreateContext();
        Assert.Equal(DataSource.GitHub, (await db.DebtItems.SingleAsync(i => i.GitHubIssueId == 707, Ct)).Source);
        Assert.Equal(DataSource.Manual, (await db.DebtItems.SingleAsync(i => i.GitHubIssueId == 909, Ct)).Source);
    }

    [Fact]
    public async Task MissingAsync_AddressTakenByAnotherIssue_ItemWithAnIdStillListed()
    {
        var mirror = Mirror();
        await mirror.MirrorAsync(Sync, Issue(707), Ct);

        // The search answers another issue (id 909) at the item's address: the item's own issue was not found.
        var missing = await mirror.MissingAsync("acme", new HashSet<string> { Url }, new HashSet<long> { 909 }, new HashSet<string>(), Ct);

        Assert.Equal(707L, Assert.Single(missing).IssueId);
    }

    [Fact]
    public async Task MirrorAsync_LaggingSearchAfterARelease_NotMirroredAgainUntilTheIssueChanges()
    {
        var mirror = Mirror();
        var id = (await mirror.MirrorAsync(Sync, Issue(707), Ct)).ItemId!.Value;
        await mirror.ReleaseItemAsync(Sync, id, "the 'tech-debt' label was removed from the issue", Now.AddMinutes(1), Ct);
        await Commands().UpdateAsync(Ada, id, Edit(title: "Retry storm in invoices (ours now)"), await VersionAsync(id), ct: Ct);

        // The search index still has the label, as of before its removal.
        var lagging = await mirror.MirrorAsync(Sync, Issue(707) with { FromSearch = true }, Ct);
        var kept = await ItemAsync(id);
        var relabelled = await mirror.MirrorAsync(Sync, Issue(707) with { FromSearch = true, UpdatedAt = Now.AddMinutes(2) }, Ct);
        var mirrored = await ItemAsync(id);

        Assert.Equal(DebtMirrorChange.Ignored, lagging.Change);
        Assert.Equal(("Retry storm in invoices (ours now)", DataSource.Manual), (kept.Title, kept.Source));
        Assert.Equal(DebtMirrorChange.Updated, relabelled.Change);
        Assert.Equal(("Retry storm in invoices", DataSource.GitHub), (mirrored.Title, mirrored.Source));
    }

    [Fact]
    public async Task MirrorAsync_ItemsLinkingTheIssueClosedOrAboutAnotherService_NotAdoptedNewItemNamesThem()
    {
        var link = new DebtLink(DebtLinkKind.GitHubIssue, Url);
        var done = await Commands().CreateAsync(Root, Edit(title: "Invoices retry too hard", status: DebtStatus.InProgress) with { Links = [link] }, ct: Ct);
        await Commands().SetStatusAsync(Root, new Dictionary<Guid, int> { [done.Id] = done.Version }, new DebtStatusChange(DebtStatus.Done), Ct);
        var web = await Commands().CreateAsync(Root, Edit(title: "Web app shows retry errors", services: ["web-app"]) with { Links = [link] }, ct: Ct);

        var result = await Mirror().MirrorAsync(Sync, Issue(707), Ct);

        Assert.Equal(DebtMirrorChange.Created, result.Change);
        Assert.NotEqual(done.Id, result.ItemId);
        Assert.NotEqual(web.Id, result.ItemId);
        var problem = Assert.Single(result.Problems);
        Assert.Contains("also link this issue but were not adopted", problem, StringComparison.Ordinal);
        Assert.Contains("'Invoices retry too hard'", problem, StringComparison.Ordinal);
        Assert.Contains("'Web app shows retry errors'", problem, StringComparison.Ordinal);
        await using var db = Db.CreateContext();
        var kept = await db.DebtItems.AsNoTracking().SingleAsync(i => i.Id == done.Id, Ct);
        Assert.Equal((DebtStatus.Done, "Invoices retry too hard", false), (kept.Status, kept.Title, kept.IsMirrored));
        Assert.Equal("Web app shows retry errors", (await db.DebtItems.AsNoTracking().SingleAsync(i => i.Id == web.Id, Ct)).Title);
    }

    private DebtMirrorCommands Mirror() => new(Db.Factory, Scores(), Clock);

    private async Task<DebtItem> ItemAsync(Guid id)
    {
        await using var db = Db.CreateContext();
        return await db.DebtItems.AsNoTracking().SingleAsync(i => i.Id == id, Ct);
    }

    private async Task<int> VersionAsync(Guid id) => (await ItemAsync(id)).Version;

    private MirroredIssue Issue(long id, string title = "Retry storm in invoices") =>
        new(Url, "acme", "payments", 7, title, "Body", false, false, null, ["tech-debt"])
        {
            Id = id,
            UpdatedAt = Now,
            AuthorAssociation = "MEMBER",
        };
}

public sealed class SqliteDebtMirrorIdentityTests() : DebtMirrorIdentityTests(TestProvider.Sqlite);

public sealed class PostgresDebtMirrorIdentityTests() : DebtMirrorIdentityTests(TestProvider.Postgres);
