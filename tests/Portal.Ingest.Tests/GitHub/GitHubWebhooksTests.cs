using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Auditing.Refusals;
using Portal.Ingest.GitHub;
using Portal.Testing;
using Portal.Testing.FakeGitHub;

namespace Portal.Ingest.Tests.GitHub;

public sealed class GitHubWebhookSignatureTests
{
    // GitHub's documented test vector ("Validating webhook deliveries").
    private const string Secret = "It's a Secret to Everybody";
    private const string Payload = "Hello, World!";
    private const string Signature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    [Fact]
    public void IsSignatureValid_GitHubTestVector_Accepted()
    {
        Assert.True(GitHubWebhooks.IsSignatureValid(Secret, Encoding.UTF8.GetBytes(Payload), Signature));
    }

    [Theory]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e18")]
    [InlineData("sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("sha256=not-hex")]
    [InlineData("")]
    [InlineData(null)]
    public void IsSignatureValid_WrongOrMissingSignature_Refused(string? signature)
    {
        Assert.False(GitHubWebhooks.IsSignatureValid(Secret, Encoding.UTF8.GetBytes(Payload), signature));
    }

    [Fact]
    public void IsSignatureValid_BodyChanged_Refused()
    {
        Assert.False(GitHubWebhooks.IsSignatureValid(Secret, Encoding.UTF8.GetBytes(Payload + " "), Signature));
    }
}

public abstract class GitHubWebhooksTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private const string Secret = "webhook-secret";

    private const string Push = """{"ref":"refs/heads/main","after":"1f2e3d","repository":{"name":"billing","default_branch":"main","owner":{"login":"acme"}}}""";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private RefusalAuditThrottle? _throttle;

    private RefusalAudit Refusals => new(Db.Factory, _throttle ??= new RefusalAuditThrottle(_clock), NullLogger<RefusalAudit>.Instance);

    private GitHubWebhooks Webhooks => new(
        Db.Factory, Options.Create(new GitHubOptions { Organizations = ["acme"], Token = "t", WebhookSecret = Secret }), Refusals, _clock, NullLogger<GitHubWebhooks>.Instance);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Db.Clock = _clock;
    }

    [Fact]
    public async Task ReceiveAsync_ArchivedRepository_QueuesThatRepository()
    {
        var result = await ReceiveAsync("repository", "d-1", """{"action":"archived","repository":{"name":"billing","owner":{"login":"acme"}},"organization":{"login":"acme"}}""");

        Assert.Equal((202, WebhookWork.SyncRepository, "acme", "billing"), (result.StatusCode, result.Work, result.Organization, result.Repository));
    }

    [Fact]
    public async Task ReceiveAsync_SameDeliveryTwice_SecondDropped()
    {
        const string body = """{"ref":"refs/heads/main","repository":{"name":"billing","owner":{"login":"acme"}}}""";
        var first = await ReceiveAsync("push", "d-2", body);
        var replay = await ReceiveAsync("push", "d-2", body);

        Assert.Equal(WebhookWork.SyncRepository, first.Work);
        Assert.Equal((200, WebhookWork.None), (replay.StatusCode, replay.Work));
        Assert.Contains("already handled", replay.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceiveAsync_SameBodyUnderANewDeliveryId_DroppedAsAReplayAndAudited()
    {
        var jobs = 0;
        var first = await ReceiveAsync("push", "d-8", Push, _ => $"job-{++jobs}");
        _clock.Advance(TimeSpan.FromDays(3));
        var replay = await ReceiveAsync("push", "d-8-resent", Push, _ => $"job-{++jobs}");

        Assert.Equal(WebhookWork.SyncRepository, first.Work);
        Assert.Equal((200, WebhookWork.None, 1), (replay.StatusCode, replay.Work, jobs));
        Assert.Contains("repeats the signed body of delivery d-8", replay.Message, StringComparison.Ordinal);
        await using var db = Db.CreateContext();
        var audit = Assert.Single(await db.AuditEntries.Where(a => a.Action == GitHubWebhooks.ReplayAuditAction).ToListAsync(Ct));
        Assert.Equal(("github-webhook", "d-8-resent", false), (audit.Actor, audit.EntityKey, audit.Succeeded));
        Assert.Contains("\"repeats\":\"d-8\"", audit.After, StringComparison.Ordinal);
        Assert.False(await db.WebhookDeliveries.AnyAsync(d => d.DeliveryId == "d-8-resent", Ct));
    }

    [Fact]
    public async Task ReceiveAsync_DifferentBodyUnderANewDeliveryId_Processed()
    {
        var jobs = 0;
        await ReceiveAsync("push", "d-9", Push, _ => $"job-{++jobs}");
        var next = await ReceiveAsync("push", "d-10", Push.Replace("1f2e3d", "4c5b6a", StringComparison.Ordinal), _ => $"job-{++jobs}");

        Assert.Equal((202, WebhookWork.SyncRepository, 2), (next.StatusCode, next.Work, jobs));
        await using var db = Db.CreateContext();
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == GitHubWebhooks.ReplayAuditAction, Ct));
    }

    [Fact]
    public async Task ReceiveAsync_SameMembershipChangeTwiceUnderNewDeliveryIds_BothProcessed()
    {
        // Removed, added back, removed again: GitHub sends the same bytes for both removals, and both must count.
        const string removed = """{"action":"removed","scope":"team","member":{"login":"mallory"},"team":{"slug":"payments"},"organization":{"login":"acme"}}""";
        var jobs = 0;
        var first = await ReceiveAsync("membership", "d-m-1", removed, _ => $"job-{++jobs}");
        _clock.Advance(TimeSpan.FromDays(2));
        var again = await ReceiveAsync("membership", "d-m-2", removed, _ => $"job-{++jobs}");

        Assert.Equal((WebhookWork.SyncTeams, WebhookWork.SyncTeams, 2), (first.Work, again.Work, jobs));
        var redelivered = await ReceiveAsync("membership", "d-m-2", removed, _ => $"job-{++jobs}");
        Assert.Equal((WebhookWork.None, 2), (redelivered.Work, jobs));
    }

    [Fact]
    public async Task ReceiveAsync_SameBodyAfterTheRetentionWindow_Processed()
    {
        await ReceiveAsync("push", "d-11", Push);
        _clock.Advance(GitHubWebhooks.RememberDeliveries + TimeSpan.FromMinutes(1));
        var later = await ReceiveAsync("push", "d-12", Push);

        Assert.Equal((202, WebhookWork.SyncRepository), (later.StatusCode, later.Work));
    }

    [Fact]
    public async Task ReceiveAsync_SameDeliveryTwice_ReplayAudited()
    {
        await ReceiveAsync("push", "d-13", Push);
        await ReceiveAsync("push", "d-13", Push);

        await using var db = Db.CreateContext();
        var audit = Assert.Single(await db.AuditEntries.Where(a => a.Action == GitHubWebhooks.ReplayAuditAction).ToListAsync(Ct));
        Assert.Equal(("d-13", false), (audit.EntityKey, audit.Succeeded));
    }

    [Fact]
    public async Task ReceiveAsync_ReplayedAgainAndAgain_OneEntryAMinuteThenASummaryOfTheRest()
    {
        await ReceiveAsync("push", "d-20", Push);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(200, (await ReceiveAsync("push", "d-20", Push)).StatusCode);
        }

        await using (var during = Db.CreateContext())
        {
            Assert.Single(await during.AuditEntries.Where(a => a.Action == GitHubWebhooks.ReplayAuditAction).ToListAsync(Ct));
        }

        _clock.Advance(RefusalAuditThrottle.Window);
        Assert.Equal(1, await Refusals.FlushAsync());

        await using var db = Db.CreateContext();
        var entries = await db.AuditEntries.Where(a => a.Action == GitHubWebhooks.ReplayAuditAction).OrderBy(a => a.Id).ToListAsync(Ct);
        Assert.Equal(2, entries.Count);
        Assert.DoesNotContain("leftOut", entries[0].After, StringComparison.Ordinal);
        Assert.Equal(("github-webhook", "d-20", false), (entries[1].Actor, entries[1].EntityKey, entries[1].Succeeded));
        Assert.Contains("\"leftOut\":4", entries[1].After, StringComparison.Ordinal);
        Assert.Contains("\"d-20\":4", entries[1].After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceiveAsync_ReplayFromAnAddress_EntryNamesTheAddressAndAnotherAddressGetsItsOwnEntry()
    {
        await ReceiveAsync("push", "d-21", Push);
        await ReceiveFromAsync("2001:db8:1:2::7", "d-21");
        await ReceiveFromAsync("2001:db8:1:ffff::9", "d-21");
        await ReceiveFromAsync("203.0.113.7", "d-21");

        await using var db = Db.CreateContext();
        var entries = await db.AuditEntries.Where(a => a.Action == GitHubWebhooks.ReplayAuditAction).OrderBy(a => a.Id).ToListAsync(Ct);
        Assert.Equal(2, entries.Count);
        Assert.Contains("\"clientAddress\":\"2001:db8:1:2::7\"", entries[0].After, StringComparison.Ordinal);
        Assert.Contains("\"clientAddress\":\"203.0.113.7\"", entries[1].After, StringComparison.Ordinal);
    }

    private async Task ReceiveFromAsync(string address, string delivery)
    {
        var bytes = Encoding.UTF8.GetBytes(Push);
        GitHubWebhooks.TryParseSignature(FakeWebhookDelivery.Signature(Secret, bytes), out var signature);
        using var body = await SignedWebhookBody.ReadAsync(new MemoryStream(bytes), bytes.Length, 1 << 20, Secret, signature, Ct);
        var result = await Webhooks.ReceiveAsync("push", delivery, body, System.Net.IPAddress.Parse(address), _ => "job", Ct);
        Assert.Equal(200, result.StatusCode);
    }

    [Fact]
    public async Task ReceiveAsync_BadSignature_RefusedAndNotRecorded()
    {
        var body = Encoding.UTF8.GetBytes("""{"repository":{"name":"billing","owner":{"login":"acme"}}}""");

        var refused = await Webhooks.ReceiveAsync("push", "d-3", "sha256=" + new string('0', 64), body, _ => "job", Ct);
        var later = await ReceiveAsync("push", "d-3", Encoding.UTF8.GetString(body));

        Assert.Equal(401, refused.StatusCode);
        Assert.Equal(WebhookWork.SyncRepository, later.Work);
    }

    [Theory]
    [InlineData("team", """{"action":"created","team":{"slug":"x"},"organization":{"login":"acme"}}""")]
    [InlineData("membership", """{"action":"added","team":{"slug":"x"},"organization":{"login":"acme"}}""")]
    [InlineData("member", """{"action":"added","repository":{"name":"billing","owner":{"login":"acme"}},"organization":{"login":"acme"}}""")]
    public async Task ReceiveAsync_TeamEvents_QueueTeamSync(string eventName, string body)
    {
        var result = await ReceiveAsync(eventName, "d-" + eventName, body);

        Assert.Equal((WebhookWork.SyncTeams, "acme"), (result.Work, result.Organization));
    }

    [Fact]
    public async Task ReceiveAsync_OtherOrganisation_Ignored()
    {
        var result = await ReceiveAsync("push", "d-4", """{"repository":{"name":"x","owner":{"login":"elsewhere"}}}""");

        Assert.Equal((202, WebhookWork.None), (result.StatusCode, result.Work));
    }

    [Fact]
    public async Task ReceiveAsync_NoSecretConfigured_Refused()
    {
        var webhooks = new GitHubWebhooks(Db.Factory, Options.Create(new GitHubOptions { Organizations = ["acme"], Token = "t" }), Refusals, _clock, NullLogger<GitHubWebhooks>.Instance);

        var result = await webhooks.ReceiveAsync("ping", "d-5", "sha256=00", [], _ => "job", Ct);

        Assert.Equal(503, result.StatusCode);
    }

    [Fact]
    public async Task ReceiveAsync_PushToAnotherBranch_Ignored()
    {
        var result = await ReceiveAsync("push", "d-6", """{"ref":"refs/heads/feature-x","repository":{"name":"billing","default_branch":"main","owner":{"login":"acme"}}}""");

        Assert.Equal((202, WebhookWork.None), (result.StatusCode, result.Work));
    }

    [Fact]
    public async Task ReceiveAsync_QueueingFails_RedeliveryIsNotTakenForAReplay()
    {
        const string body = """{"ref":"refs/heads/main","repository":{"name":"billing","default_branch":"main","owner":{"login":"acme"}}}""";

        await Assert.ThrowsAsync<InvalidOperationException>(() => ReceiveAsync("push", "d-7", body, _ => throw new InvalidOperationException("job storage is down")));
        var redelivered = await ReceiveAsync("push", "d-7", body);

        Assert.Equal((202, WebhookWork.SyncRepository), (redelivered.StatusCode, redelivered.Work));
    }

    [Theory]
    [InlineData("closed", "[{\"name\":\"tech-debt\"}]", "")]
    [InlineData("edited", "[{\"name\":\"Tech-Debt\"},{\"name\":\"bug\"}]", "")]
    [InlineData("unlabeled", "[]", ",\"label\":{\"name\":\"tech-debt\"}")]
    [InlineData("deleted", "[]", "")]
    public async Task ReceiveAsync_IssuesEventThatCanChangeDebt_QueuesThatIssue(string action, string labels, string extra)
    {
        var result = await ReceiveAsync("issues", "d-i-" + action, IssuesBody(action, "12", labels, extra));

        Assert.Equal((202, WebhookWork.SyncIssue, "acme", "billing", 12), (result.StatusCode, result.Work, result.Organization, result.Repository, result.Issue));
    }

    [Theory]
    [InlineData("opened", "[{\"name\":\"bug\"}]", "")]
    [InlineData("unlabeled", "[]", ",\"label\":{\"name\":\"bug\"}")]
    [InlineData("assigned", "[{\"name\":\"tech-debt\"}]", "")]
    public async Task ReceiveAsync_IssuesEventThatCannotChangeDebt_Ignored(string action, string labels, string extra)
    {
        var result = await ReceiveAsync("issues", "d-n-" + action, IssuesBody(action, "12", labels, extra));

        Assert.Equal((202, WebhookWork.None), (result.StatusCode, result.Work));
    }

    [Theory]
    [InlineData("opened", "NONE", false, WebhookWork.None)]
    [InlineData("edited", "CONTRIBUTOR", false, WebhookWork.None)]
    [InlineData("closed", "FIRST_TIME_CONTRIBUTOR", false, WebhookWork.None)]
    [InlineData("deleted", "NONE", false, WebhookWork.SyncIssue)]
    [InlineData("edited", "MEMBER", false, WebhookWork.SyncIssue)]
    [InlineData("edited", "collaborator", false, WebhookWork.SyncIssue)]
    [InlineData("edited", "NONE", true, WebhookWork.SyncIssue)]
    public async Task ReceiveAsync_LabelledIssueByAnOutsider_QueuedOnlyWhenOutsidersAreMirroredOrItIsGone(string action, string association, bool outsiders, WebhookWork expected)
    {
        var webhooks = new GitHubWebhooks(
            Db.Factory, Options.Create(new GitHubOptions { Organizations = ["acme"], Token = "t", WebhookSecret = Secret, DebtIssuesFromOutsiders = outsiders }), Refusals, _clock, NullLogger<GitHubWebhooks>.Instance);
        var body = Encoding.UTF8.GetBytes(
            $$$"""{"action":"{{{action}}}","issue":{"number":12,"author_association":"{{{association}}}","labels":[{"name":"tech-debt"}]},"repository":{"name":"billing","owner":{"login":"acme"}},"organization":{"login":"acme"}}""");

        var result = await webhooks.ReceiveAsync("issues", $"d-o-{action}-{association}-{outsiders}", FakeWebhookDelivery.Signature(Secret, body), body, _ => "job-1", Ct);

        Assert.Equal((202, expected), (result.StatusCode, result.Work));
    }

    [Theory]
    [InlineData(true, WebhookWork.SyncIssue)]
    [InlineData(false, WebhookWork.None)]
    public async Task ReceiveAsync_OutsidersClosingOfAnIssueAnItemFollows_QueuedSoTheItemTurnsDone(bool followed, WebhookWork expected)
    {
        // The item was mirrored while its author was a member; they have left (or made their membership private), so
        // GitHub reads them as a contributor now. Their closing the issue must still reach the item.
        var now = _clock.GetUtcNow().UtcDateTime;
        var item = new Portal.Domain.Debt.DebtItem("Invoice sender retries", Portal.Domain.Signals.ScalingSignal.CascadingFailures,
            Portal.Domain.Debt.DebtKind.Code, Portal.Domain.Debt.DebtQuadrant.DeliberatePrudent, 3, 3, 2, "github-sync", now);
        item.StartMirroring("https://github.com/acme/billing/issues/12", now, followed ? 7340032 : 7340099);
        await using (var db = Db.CreateContext())
        {
            db.DebtItems.Add(item);
            await db.SaveChangesAsync(Ct);
        }

        var webhooks = new GitHubWebhooks(
            Db.Factory, Options.Create(new GitHubOptions { Organizations = ["acme"], Token = "t", WebhookSecret = Secret }), Refusals, _clock, NullLogger<GitHubWebhooks>.Instance);
        var body = Encoding.UTF8.GetBytes(
            """{"action":"closed","issue":{"number":12,"id":7340032,"author_association":"CONTRIBUTOR","labels":[{"name":"tech-debt"}]},"repository":{"name":"billing","owner":{"login":"acme"}},"organization":{"login":"acme"}}""");

        var result = await webhooks.ReceiveAsync("issues", $"d-f-{followed}", FakeWebhookDelivery.Signature(Secret, body), body, _ => "job-1", Ct);

        Assert.Equal((202, expected), (result.StatusCode, result.Work));
    }

    [Theory]
    [InlineData("\"12\"")]
    [InlineData("-3")]
    [InlineData("null")]
    public async Task ReceiveAsync_IssuesPayloadWithoutUsableNumber_RefusedAndNotRecorded(string number)
    {
        var jobs = 0;
        var refused = await ReceiveAsync("issues", "d-bad", IssuesBody("closed", number, "[{\"name\":\"tech-debt\"}]", ""), _ => $"job-{++jobs}");
        var fixedUp = await ReceiveAsync("issues", "d-bad", IssuesBody("closed", "12", "[{\"name\":\"tech-debt\"}]", ""), _ => $"job-{++jobs}");

        Assert.Equal(400, refused.StatusCode);
        Assert.Contains("issue.number", refused.Message, StringComparison.Ordinal);
        Assert.Equal((WebhookWork.SyncIssue, 1), (fixedUp.Work, jobs));
    }

    [Theory]
    [InlineData(",\"id\":7340032", 7340032L)]
    [InlineData("", null)]
    [InlineData(",\"id\":\"7340032\"", null)]
    [InlineData(",\"id\":-4", null)]
    public async Task ReceiveAsync_DeletedIssue_QueuedWithGitHubsIdForTheIssueWhenItIsUsable(string id, long? expected)
    {
        // A deleted issue cannot be looked up any more, so its item is released by this id, not by its address.
        var body = $$$"""{"action":"deleted","issue":{"number":12{{{id}}},"labels":[]},"repository":{"name":"billing","owner":{"login":"acme"}},"organization":{"login":"acme"}}""";

        var result = await ReceiveAsync("issues", "d-id" + id.Length, body);

        Assert.Equal((WebhookWork.SyncIssue, 12, expected), (result.Work, result.Issue, result.IssueId));
    }

    private static string IssuesBody(string action, string number, string labels, string extra) =>
        $$$"""{"action":"{{{action}}}","issue":{"number":{{{number}}},"labels":{{{labels}}} }{{{extra}}},"repository":{"name":"billing","owner":{"login":"acme"}},"organization":{"login":"acme"}}""";

    private Task<WebhookResult> ReceiveAsync(string eventName, string delivery, string body, Func<WebhookResult, string?>? dispatch = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return Webhooks.ReceiveAsync(eventName, delivery, FakeWebhookDelivery.Signature(Secret, bytes), bytes, dispatch ?? (_ => "job-1"), Ct);
    }
}

public sealed class SqliteGitHubWebhooksTests() : GitHubWebhooksTests(TestProvider.Sqlite);

public sealed class PostgresGitHubWebhooksTests() : GitHubWebhooksTests(TestProvider.Postgres);
