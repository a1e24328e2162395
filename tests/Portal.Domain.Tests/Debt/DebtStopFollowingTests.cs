using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Security;
using Portal.Domain.Sync;
using Portal.Testing;

namespace Portal.Domain.Tests.Debt;

/// <summary>
/// Items that would follow their GitHub issue for good: an admin stops one (audited, refusals too), and an issue of an
/// archived repository releases its item.
/// </summary>
public abstract class DebtStopFollowingTests(TestProvider provider) : DebtTestCatalog(provider)
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
    public async Task StopFollowingAsync_Admin_ReleasedForGoodAndAudited()
    {
        var mirror = Mirror();
        var id = (await mirror.MirrorAsync(Sync, Issue(), Ct)).ItemId!.Value;

        var version = await Commands().StopFollowingAsync(Root, id, 0, Ct);
        var again = await mirror.MirrorAsync(Sync, Issue() with { Title = "Retitled on GitHub", UpdatedAt = Now.AddDays(1) }, Ct);

        Assert.Equal(1, version);
        Assert.Equal(DebtMirrorChange.Ignored, again.Change);
        await using var db = Db.CreateContext();
        var item = await db.DebtItems.SingleAsync(Ct);
        Assert.Equal((DataSource.Manual, false, "Retry storm in invoices", Url), (item.Source, item.IsMirrored, item.Title, item.ExternalUrl));
        Assert.NotNull(item.MirrorStoppedAt);
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == DebtCommands.StopFollowingAction, Ct);
        Assert.Equal(("root", true), (audit.Actor, audit.Succeeded));
        Assert.Contains("stopped the item following", audit.After, StringComparison.Ordinal);
        // The audit's "after" is the item as saved: the version the stop gave it, not the one it had before.
        Assert.Equal(version, System.Text.Json.JsonDocument.Parse(audit.After!).RootElement.GetProperty("version").GetInt32());

        // Portal's own now: a person may close it (Won't fix, as for an archived repository's issue).
        var closed = await Commands().SetStatusAsync(Root, new Dictionary<Guid, int> { [id] = version },
            new DebtStatusChange(DebtStatus.WontFix, WontFixReason: "The repository was archived.", RevisitOn: Today.AddDays(90)), Ct);
        Assert.Empty(closed.Refused);
        Assert.Equal(DebtStatus.WontFix, (await db.DebtItems.AsNoTracking().SingleAsync(Ct)).Status);
    }

    [Fact]
    public async Task StopFollowingAsync_EditorOrItemFollowingNothing_RefusedAndAudited()
    {
        var id = (await Mirror().MirrorAsync(Sync, Issue(), Ct)).ItemId!.Value;
        var (own, _) = await Commands().CreateAsync(Ada, Edit(title: "Checkout has no load test"), ct: Ct);

        await Assert.ThrowsAsync<ForbiddenException>(() => Commands().StopFollowingAsync(Ada, id, 0, Ct));
        var notMirrored = await Assert.ThrowsAsync<DomainValidationException>(() => Commands().StopFollowingAsync(Root, own, 0, Ct));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Commands().StopFollowingAsync(Root, id, 5, Ct));

        Assert.Equal("source", notMirrored.Field);
        await using var db = Db.CreateContext();
        Assert.True((await db.DebtItems.SingleAsync(i => i.Id == id, Ct)).IsMirrored);
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == DebtCommands.StopFollowingAction + ".denied" && !a.Succeeded, Ct));
    }

    [Fact]
    public async Task MirrorAsync_RepositoryArchivedAfterTheItemFollowedItsIssue_ItemReleasedSayingWhy()
    {
        var mirror = Mirror();
        var id = (await mirror.MirrorAsync(Sync, Issue(), Ct)).ItemId;
        await using (var db = Db.CreateContext())
        {
            var repository = await db.GitHubRepositories.SingleAsync(r => r.Name == "payments", Ct);
            repository.Describe("acme", "payments", "R_1", null, null, [], "main", "https://github.com/acme/payments", true, false, null);
            await db.SaveChangesAsync(Ct);
        }

        var released = await mirror.MirrorAsync(Sync, Issue() with { UpdatedAt = Now.AddMinutes(1) }, Ct);

        Assert.Equal((DebtMirrorChange.Released, id), (released.Change, released.ItemId));
        await using var check = Db.CreateContext();
        Assert.Equal(DataSource.Manual, (await check.DebtItems.SingleAsync(Ct)).Source);
        Assert.Contains("is archived on GitHub", await check.AuditEntries.Where(a => a.Action == DebtMirrorCommands.ReleaseAction).Select(a => a.After!).SingleAsync(Ct), StringComparison.Ordinal);
        // For good: a later change of the issue (after an unarchive) does not make it follow again.
        Assert.NotNull((await check.DebtItems.SingleAsync(Ct)).MirrorStoppedAt);
    }

    [Fact]
    public async Task MirrorAsync_IssueAuthor_RecordedAndInTheAudit()
    {
        var created = await Mirror().MirrorAsync(Sync, Issue() with { AuthorLogin = "mallory", AuthorAssociation = "none" }, Ct, outsidersMirrored: true);

        await using var db = Db.CreateContext();
        var item = await db.DebtItems.SingleAsync(Ct);
        Assert.Equal(("mallory", "NONE", true), (item.GitHubAuthor, item.GitHubAuthorAssociation, item.OpenedByOutsider));
        Assert.Contains("@mallory (NONE)", await db.AuditEntries.Where(a => a.Action == DebtMirrorCommands.CreateAction).Select(a => a.After!).SingleAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(DebtMirrorChange.Created, created.Change);
    }

    private DebtMirrorCommands Mirror() => new(Db.Factory, Scores(), Clock);

    private MirroredIssue Issue() =>
        new(Url, "acme", "payments", 7, "Retry storm in invoices", "Body", false, false, null, ["tech-debt"])
        {
            Id = 707,
            UpdatedAt = Now,
            AuthorAssociation = "MEMBER",
            AuthorLogin = "octocat",
        };
}

public sealed class SqliteDebtStopFollowingTests() : DebtStopFollowingTests(TestProvider.Sqlite);

public sealed class PostgresDebtStopFollowingTests() : DebtStopFollowingTests(TestProvider.Postgres);
