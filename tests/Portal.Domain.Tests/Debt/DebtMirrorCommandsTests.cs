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
    public async Task MirrorAsync_EmojiAcrossEachCut_SavedWithWholeCharacters()
    {
        const string emoji = "\U0001F525";
        var note = $"\n\n… (cut here: the full text is on GitHub, {Url})";
        var descriptionCut = DebtItem.MaxDescriptionLength - note.Length;
        var title = new string('t', DebtItem.MaxTitleLength - 2) + emoji + new string('u', 50);
        var body = new string('b', 1_999) + emoji + new string('c', descriptionCut - 1 - 2_001) + emoji + new string('d', 500);
        var issue = Issue() with { Title = title, Body = body };

        var result = await Mirror().MirrorAsync(Sync, issue, Ct);

        Assert.Equal(DebtMirrorChange.Created, result.Change);
        await using var db = Db.CreateContext();
        var item = await db.DebtItems.SingleAsync(Ct);
        Assert.Equal(new string('t', DebtItem.MaxTitleLength - 2) + "…", item.Title);
        Assert.Equal(new string('b', 1_999) + emoji + new string('c', descriptionCut - 1 - 2_001) + note, item.Description);
        Assert.EndsWith(new string('b', 1_999), item.SearchText, StringComparison.Ordinal);
        var strict = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true);
        Assert.All([item.Title, item.Description!, item.SearchText], text => strict.GetBytes(text));
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
    public async Task UpdateAsync_FormLoadedBeforeTheSyncChangedTheTitle_ConflictNotRefusal()
    {
        var id = (await Mirror().MirrorAsync(Sync, Issue(), Ct)).ItemId!.Value;
        await Mirror().MirrorAsync(Sync, Issue() with { Title = "Retry storm in invoices and refunds", UpdatedAt = Now.AddMinutes(1) }, Ct);
        var edit = Edit(title: "Retry storm in invoices", effort: 8) with { Description = "Body", Links = [new DebtLink(DebtLinkKind.GitHubIssue, Url)] };

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Commands().UpdateAsync(Root, id, edit, 0, ct: Ct));

        await using var db = Db.CreateContext();
        Assert.DoesNotContain(await db.AuditEntries.Select(a => a.Action).ToListAsync(Ct), a => a == "debt.update.denied");
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
    public async Task MissingAsync_IssueNoLongerFound_ListedUnlessArchivedClosedOrFoundById()
    {
        var mirror = Mirror();
        await mirror.MirrorAsync(Sync, Issue(), Ct);
        await mirror.MirrorAsync(Sync, Issue() with { Url = "https://github.com/acme/payments/issues/8", Number = 8, Id = 808 }, Ct);
        await mirror.MirrorAsync(Sync, Issue() with { Url = "https://github.com/acme/payments/issues/9", Number = 9, Id = 909 }, Ct);
        await mirror.MirrorAsync(Sync, Issue() with { Url = "https://github.com/acme/payments/issues/9", Number = 9, Id = 909, Closed = true, ClosedAt = Now, UpdatedAt = Now.AddHours(1) }, Ct);
        await using (var db = Db.CreateContext())
        {
            var item = new DebtItem("Old tool on Python 2", ScalingSignal.CompoundingShortcuts, DebtKind.Code, DebtQuadrant.DeliberatePrudent, 2, 2, 2, "github:acme", Now);
            item.StartMirroring("https://github.com/acme/old-tool/issues/1", Now);
            db.DebtItems.Add(item);
            await db.SaveChangesAsync(Ct);
        }

        // #8 moved (found by its id under another address); #9 is closed; old-tool is archived.
        var missing = await mirror.MissingAsync("ACME", new HashSet<string> { "https://github.com/acme/invoicing/issues/3" }, new HashSet<long> { 808 }, new HashSet<string> { "old-tool" }, Ct);

        var only = Assert.Single(missing);
        Assert.Equal(("acme/payments#7", 707L), (only.Reference, only.IssueId));
    }

    [Fact]
    public async Task ReleaseAsync_ByIssueId_ReleasedAndAudited()
    {
        var mirror = Mirror();
        await mirror.MirrorAsync(Sync, Issue(), Ct);

        var released = await mirror.ReleaseAsync(Sync, "elsewhere", "other", 1, 707, "label removed", Ct);

        Assert.Equal(DebtMirrorChange.Released, released.Change);
        await using var db = Db.CreateContext();
        Assert.Equal(DataSource.Manual, (await db.DebtItems.SingleAsync(Ct)).Source);
        Assert.Contains("label removed", await db.AuditEntries.Where(a => a.Action == DebtMirrorCommands.ReleaseAction).Select(a => a.After!).SingleAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MirrorAsync_SameIssueUnderNewAddress_SameItemAddressAndLinkFollow()
    {
        var mirror = Mirror();
        var id = (await mirror.MirrorAsync(Sync, Issue(), Ct)).ItemId;
        var moved = Issue() with { Url = "https://github.com/Acme/invoicing/issues/7", Organization = "Acme", Repository = "invoicing" };

        var result = await mirror.MirrorAsync(Sync, moved, Ct);

        Assert.Equal((DebtMirrorChange.Updated, id), (result.Change, result.ItemId));
        await using var db = Db.CreateContext();
        var item = await db.DebtItems.SingleAsync(Ct);
        Assert.Equal(("https://github.com/Acme/invoicing/issues/7", 707L), (item.ExternalUrl, item.GitHubIssueId));
        Assert.Equal(["https://github.com/Acme/invoicing/issues/7"], item.Links.Where(l => l.Kind == DebtLinkKind.GitHubIssue).Select(l => l.Url));
        Assert.Contains("moved from https://github.com/acme/payments/issues/7", await db.AuditEntries.OrderBy(a => a.Id).Select(a => a.After!).LastAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MirrorAsync_ItemMirroredBeforeIdsWereKept_FoundByAddressAndIdFilledIn()
    {
        await using (var db = Db.CreateContext())
        {
            var legacy = new DebtItem("Retry storm in invoices", ScalingSignal.CompoundingShortcuts, DebtKind.Code, DebtQuadrant.DeliberatePrudent, 2, 2, 2, "github:acme", Now);
            legacy.StartMirroring(Url, Now);
            legacy.MirrorText("Retry storm in invoices", "Body", new DebtLink(DebtLinkKind.GitHubIssue, Url, "acme/payments#7"), Now);
            db.DebtItems.Add(legacy);
            await db.SaveChangesAsync(Ct);
        }

        var result = await Mirror().MirrorAsync(Sync, Issue(), Ct);

        Assert.Equal(DebtMirrorChange.Updated, result.Change);
        await using var check = Db.CreateContext();
        Assert.Equal(707L, (await check.DebtItems.SingleAsync(Ct)).GitHubIssueId);
    }

    [Fact]
    public async Task MirrorAsync_SearchAnswerOlderThanAppliedState_NotApplied()
    {
        var mirror = Mirror();
        await mirror.MirrorAsync(Sync, Issue(), Ct);
        var closedAt = Now.AddMinutes(10);
        await mirror.MirrorAsync(Sync, Issue() with { Closed = true, ClosedAt = closedAt, UpdatedAt = closedAt }, Ct);

        var stale = await mirror.MirrorAsync(Sync, Issue() with { FromSearch = true }, Ct);
        var sameSecond = await mirror.MirrorAsync(Sync, Issue() with { FromSearch = true, UpdatedAt = closedAt }, Ct);

        Assert.Equal((DebtMirrorChange.Unchanged, DebtMirrorChange.Unchanged), (stale.Change, sameSecond.Change));
        await using var db = Db.CreateContext();
        Assert.Equal(DebtStatus.Done, (await db.DebtItems.SingleAsync(Ct)).Status);
    }

    [Fact]
    public async Task MirrorAsync_ClosedIssueNobodyFollows_NotImported()
    {
        var result = await Mirror().MirrorAsync(Sync, Issue() with { Closed = true, ClosedAt = Now }, Ct);

        Assert.Equal(DebtMirrorChange.Ignored, result.Change);
        await using var db = Db.CreateContext();
        Assert.Empty(await db.DebtItems.ToListAsync(Ct));
    }

    [Fact]
    public async Task MirrorAsync_ItemAlreadyLinksTheIssue_AdoptedNotDuplicated()
    {
        var logged = await Commands().CreateAsync(Root, Edit(title: "Invoices retry too hard") with { Links = [new DebtLink(DebtLinkKind.GitHubIssue, Url.ToUpperInvariant().Replace("HTTPS://", "https://", StringComparison.Ordinal))] }, ct: Ct);

        var result = await Mirror().MirrorAsync(Sync, Issue(), Ct);

        Assert.Equal((DebtMirrorChange.Updated, logged.Id), (result.Change, result.ItemId));
        await using var db = Db.CreateContext();
        var item = await db.DebtItems.SingleAsync(Ct);
        Assert.Equal(("Retry storm in invoices", true, 707L), (item.Title, item.IsMirrored, item.GitHubIssueId));
        Assert.Contains(await db.AuditEntries.Select(a => a.Action).ToListAsync(Ct), a => a == DebtMirrorCommands.AdoptAction);
    }

    [Fact]
    public async Task MirrorAsync_OutsidersLabels_NotUsedForTheAssessment()
    {
        var result = await Mirror().MirrorAsync(Sync, Issue(labels: ["tech-debt", "debt:impact/5"]) with { AuthorAssociation = "NONE" }, Ct, outsidersMirrored: true);

        Assert.Contains("not an owner, member or collaborator", Assert.Single(result.Problems), StringComparison.Ordinal);
        await using var db = Db.CreateContext();
        Assert.Equal(DebtLabels.DefaultImpact, (await db.DebtItems.SingleAsync(Ct)).Impact);
    }

    [Theory]
    [InlineData("MEMBER", "CONTRIBUTOR", DebtMirrorChange.Updated)]
    [InlineData("NONE", "NONE", DebtMirrorChange.OutsiderRelease)]
    [InlineData("NONE", null, DebtMirrorChange.Ignored)]
    public async Task MirrorAsync_OutsidersNotMirrored_DecidedOnTheRelationTheItemWasMirroredWith(string mirroredAs, string? readNow, DebtMirrorChange expected)
    {
        var mirror = Mirror();
        await mirror.MirrorAsync(Sync, Issue() with { AuthorAssociation = mirroredAs }, Ct, outsidersMirrored: true);

        var result = await mirror.MirrorAsync(Sync, Issue() with { AuthorAssociation = readNow, Title = "Retry storm in invoices and refunds", UpdatedAt = Now.AddMinutes(5) }, Ct, outsidersMirrored: false);

        Assert.Equal(expected, result.Change);
        await using var db = Db.CreateContext();
        var item = await db.DebtItems.SingleAsync(Ct);
        Assert.Equal((true, expected == DebtMirrorChange.Updated), (item.IsMirrored, item.Title == "Retry storm in invoices and refunds"));
    }

    [Fact]
    public async Task MirrorAsync_OutsidersNewIssueWhileNotMirrored_NoItem()
    {
        var result = await Mirror().MirrorAsync(Sync, Issue() with { AuthorAssociation = "NONE" }, Ct, outsidersMirrored: false);

        Assert.Equal(DebtMirrorChange.Ignored, result.Change);
        await using var db = Db.CreateContext();
        Assert.False(await db.DebtItems.AnyAsync(Ct));
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

    private MirroredIssue Issue(string repository = "payments", IReadOnlyList<string>? labels = null) =>
        new(repository == "payments" ? Url : $"https://github.com/acme/{repository}/issues/7", "acme", repository, 7, "Retry storm in invoices", "Body",
            false, false, null, labels ?? ["tech-debt"])
        {
            Id = 707,
            UpdatedAt = Now,
            AuthorAssociation = "MEMBER",
        };
}

public sealed class SqliteDebtMirrorCommandsTests() : DebtMirrorCommandsTests(TestProvider.Sqlite);

public sealed class PostgresDebtMirrorCommandsTests() : DebtMirrorCommandsTests(TestProvider.Postgres);
