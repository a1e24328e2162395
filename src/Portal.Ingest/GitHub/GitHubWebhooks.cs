using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Domain.Auditing.Refusals;
using Portal.Domain.Debt;
using Portal.Domain.Persistence;
using Portal.Domain.Persistence.Infrastructure;
using Portal.Domain.Security;

namespace Portal.Ingest.GitHub;

/// <summary>
/// Receives GitHub webhook deliveries: verifies <c>X-Hub-Signature-256</c> in constant time, drops
/// replays by <c>X-GitHub-Delivery</c> and by a SHA-256 of the signed body (a captured delivery resent under a new
/// id), and turns the events Portal cares about into targeted work,
/// quickly: the caller enqueues a job and answers, the sync itself happens in the background.
/// </summary>
public sealed class GitHubWebhooks(
    IDbContextFactory<PortalDbContext> dbFactory,
    Microsoft.Extensions.Options.IOptions<GitHubOptions> options,
    RefusalAudit refusals,
    TimeProvider clock,
    ILogger<GitHubWebhooks> logger)
{
    /// <summary>Audit action of a delivery dropped as a replay (same delivery id, or same signed body under a new id).</summary>
    public const string ReplayAuditAction = "webhook.replay";

    /// <summary>Who a dropped replay is audited as.</summary>
    public static readonly Actor WebhookActor = new("github-webhook", "GitHub webhook", PortalRole.Viewer, new HashSet<Guid>());

    private static readonly HashSet<string> RepositoryActions = new(StringComparer.Ordinal)
    {
        "created", "deleted", "archived", "unarchived", "renamed", "transferred", "edited", "publicized", "privatized",
    };

    /// <summary>
    /// Actions of the <c>issues</c> event that can change a tech-debt item (others, like assigned or milestoned, cannot).
    /// </summary>
    private static readonly HashSet<string> IssueActions = new(StringComparer.Ordinal)
    {
        "opened", "edited", "closed", "reopened", "labeled", "unlabeled", "deleted", "transferred",
    };

    /// <summary>A push names its ref; only the default branch feeds the catalog.</summary>
    private static bool IsOtherBranch(JsonElement root) =>
        root.TryGetProperty("ref", out var pushed) && pushed.ValueKind == JsonValueKind.String
        && root.TryGetProperty("repository", out var repo) && repo.TryGetProperty("default_branch", out var branch) && branch.ValueKind == JsonValueKind.String
        && pushed.GetString() != $"refs/heads/{branch.GetString()}";

    /// <summary>True when <paramref name="signatureHeader"/> is <c>sha256=</c> + the HMAC of the body with the secret.</summary>
    public static bool IsSignatureValid(string secret, ReadOnlySpan<byte> body, string? signatureHeader) =>
        TryParseSignature(signatureHeader, out var given)
        && CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body), given);

    /// <summary>The 32 bytes of a <c>sha256=&lt;64 hex digits&gt;</c> header; false for anything else (missing, another algorithm, not hex, wrong length).</summary>
    public static bool TryParseSignature(string? signatureHeader, out byte[] signature)
    {
        const string prefix = "sha256=";
        signature = [];
        if (string.IsNullOrEmpty(signatureHeader) || !signatureHeader.StartsWith(prefix, StringComparison.Ordinal)
            || signatureHeader.Length != prefix.Length + (2 * SHA256.HashSizeInBytes))
        {
            return false;
        }

        try
        {
            signature = Convert.FromHexString(signatureHeader.AsSpan(prefix.Length));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// What can be refused from the headers alone, before a byte of the body is read: 503 when webhooks are off (no
    /// secret), 400 without <c>X-GitHub-Event</c> or <c>X-GitHub-Delivery</c>, 401 without a well-formed
    /// <c>X-Hub-Signature-256</c>. Null when the body is worth reading.
    /// </summary>
    public WebhookResult? RefuseBeforeBody(string? eventName, string? deliveryId, string? signature) =>
        RefuseHeaders(eventName, deliveryId) ?? (TryParseSignature(signature, out _) ? null : new WebhookResult(401, SignatureRefused));

    private WebhookResult? RefuseHeaders(string? eventName, string? deliveryId)
    {
        if (string.IsNullOrEmpty(options.Value.WebhookSecret))
        {
            return new WebhookResult(503, $"Webhooks are off: {GitHubOptions.Section}:WebhookSecret is not set.");
        }

        if (string.IsNullOrWhiteSpace(eventName) || string.IsNullOrWhiteSpace(deliveryId) || deliveryId.Length > 100)
        {
            return new WebhookResult(400, "X-GitHub-Event and X-GitHub-Delivery headers are required.");
        }

        return null;
    }

    private const string SignatureRefused = "X-Hub-Signature-256 is missing or does not match the body and the configured secret.";

    /// <summary>How long handled delivery ids and body hashes are remembered (GitHub redelivers for days at most).</summary>
    public static readonly TimeSpan RememberDeliveries = TimeSpan.FromDays(14);

    /// <summary>
    /// Checks a delivery and, when it asks for work, hands it to <paramref name="dispatch"/> (which queues a
    /// job and returns its id) before remembering the delivery: if queueing fails, GitHub's redelivery is
    /// not mistaken for a replay.
    /// </summary>
    public async Task<WebhookResult> ReceiveAsync(
        string? eventName, string? deliveryId, string? signature, byte[] body, Func<WebhookResult, string?> dispatch, CancellationToken ct)
    {
        if (RefuseBeforeBody(eventName, deliveryId, signature) is { } refused)
        {
            return refused;
        }

        return IsSignatureValid(options.Value.WebhookSecret!, body, signature)
            ? await HandleAsync(eventName!, deliveryId!, body, null, dispatch, ct)
            : new WebhookResult(401, SignatureRefused);
    }

    /// <summary>
    /// As <see cref="ReceiveAsync(string?, string?, string?, byte[], Func{WebhookResult, string?}, CancellationToken)"/>
    /// for a body read by <see cref="SignedWebhookBody.ReadAsync"/> after <see cref="RefuseBeforeBody"/> let it through.
    /// </summary>
    public async Task<WebhookResult> ReceiveAsync(
        string? eventName, string? deliveryId, SignedWebhookBody body, IPAddress? client, Func<WebhookResult, string?> dispatch, CancellationToken ct)
    {
        if (RefuseHeaders(eventName, deliveryId) is { } refused)
        {
            return refused;
        }

        return body.SignatureValid
            ? await HandleAsync(eventName!, deliveryId!, body.Content, client, dispatch, ct)
            : new WebhookResult(401, SignatureRefused);
    }

    /// <summary>
    /// What an <c>issues</c> delivery says: the issue number and GitHub's id for it (null when absent), and whether it can
    /// change a tech-debt item. <paramref name="IfFollowed"/>: an outsider's change that matters only when an item already
    /// follows the issue (see <see cref="ReadIssueEvent"/>).
    /// </summary>
    private sealed record IssueEvent(int Number, bool Relevant, string? Problem, long? Id = null, bool IfFollowed = false);

    /// <summary>
    /// An <c>issues</c> event matters when the issue carries the tech-debt label, or the label was just removed, or the
    /// issue was deleted or transferred (an item may mirror it). While outsiders' issues are not mirrored
    /// (<see cref="GitHubOptions.DebtIssuesFromOutsiders"/>), an outsider's opening, editing, closing or reopening of
    /// their labelled issue matters only when an item already follows it (one mirrored while its author was a member, who
    /// has since left or made their membership private): otherwise the sync would not mirror it, and each edit would cost
    /// a job, a GitHub request and a sync run. A payload without a usable issue number is refused.
    /// </summary>
    private static IssueEvent ReadIssueEvent(JsonElement root, string? action, string label, bool outsidersMirrored)
    {
        if (!root.TryGetProperty("issue", out var issue) || issue.ValueKind != JsonValueKind.Object)
        {
            return new IssueEvent(0, false, "it has no issue object");
        }

        if (!issue.TryGetProperty("number", out var n) || n.ValueKind != JsonValueKind.Number || !n.TryGetInt32(out var number) || number <= 0)
        {
            return new IssueEvent(0, false, "issue.number is missing or not a positive whole number");
        }

        if (issue.TryGetProperty("labels", out var labels) && labels.ValueKind is not (JsonValueKind.Array or JsonValueKind.Null))
        {
            return new IssueEvent(number, false, "issue.labels is not a list");
        }

        static bool IsLabel(JsonElement l, string label) =>
            l.ValueKind == JsonValueKind.Object && l.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
            && string.Equals(name.GetString(), label, StringComparison.OrdinalIgnoreCase);

        var labelled = labels.ValueKind == JsonValueKind.Array && labels.EnumerateArray().Any(l => IsLabel(l, label));
        var unlabelled = action == "unlabeled" && root.TryGetProperty("label", out var removed) && IsLabel(removed, label);
        var removal = unlabelled || action is "deleted" or "transferred";
        var author = issue.TryGetProperty("author_association", out var association) && association.ValueKind == JsonValueKind.String ? association.GetString() : null;
        var outsider = author is not null && !MirroredIssue.IsInsider(author);
        var candidate = action is not null && IssueActions.Contains(action) && (labelled || removal);
        var relevant = candidate && (removal || outsidersMirrored || !outsider);

        // GitHub's id for the issue: a deleted issue can no longer be looked up, and its address may belong to another
        // issue after a rename, so the release after a deletion finds the item by this id.
        long? id = issue.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.Number && i.TryGetInt64(out var known) && known > 0 ? known : null;
        return new IssueEvent(number, relevant, null, id, IfFollowed: candidate && !relevant && id is not null);
    }

    /// <summary>Whether a debt item follows GitHub's issue <paramref name="issueId"/> (mirrored, not released).</summary>
    private async Task<bool> IsFollowedAsync(long issueId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.DebtItems.Mirrored().AnyAsync(i => i.GitHubIssueId == issueId, ct);
    }

    private async Task<WebhookResult> HandleAsync(
        string eventName, string deliveryId, ReadOnlyMemory<byte> body, IPAddress? client, Func<WebhookResult, string?> dispatch, CancellationToken ct)
    {
        var o = options.Value;
        string? action = null;
        string? org = null;
        string? repo = null;
        IssueEvent? issue = null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            action = root.TryGetProperty("action", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
            if (root.TryGetProperty("repository", out var r) && r.ValueKind == JsonValueKind.Object)
            {
                repo = r.TryGetProperty("name", out var n) ? n.GetString() : null;
                org = r.TryGetProperty("owner", out var owner) && owner.TryGetProperty("login", out var login) ? login.GetString() : null;
            }

            if (eventName == "push" && IsOtherBranch(root))
            {
                return new WebhookResult(202, "Ignored: a push to a branch other than the default one.");
            }

            if (root.TryGetProperty("organization", out var organization) && organization.TryGetProperty("login", out var orgLogin))
            {
                org = orgLogin.GetString() ?? org;
            }

            if (eventName == "issues")
            {
                issue = ReadIssueEvent(root, action, o.DebtLabel, o.DebtIssuesFromOutsiders);
                if (issue.Problem is { } problem)
                {
                    return new WebhookResult(400, $"The issues payload cannot be used: {problem}. Nothing was changed.");
                }

                if (issue is { IfFollowed: true, Id: { } issueId })
                {
                    issue = issue with { Relevant = await IsFollowedAsync(issueId, ct) };
                }
            }

            if (eventName == "repository" && action == "transferred")
            {
                // Transferred away: the new owner is in the payload; the old organisation is where we knew it.
                org = root.TryGetProperty("changes", out var changes) && changes.TryGetProperty("owner", out var from)
                    && from.TryGetProperty("from", out var fromOwner) && fromOwner.TryGetProperty("organization", out var fromOrg)
                    && fromOrg.TryGetProperty("login", out var fromLogin)
                        ? fromLogin.GetString()
                        : org;
            }
        }
        catch (JsonException ex)
        {
            return new WebhookResult(400, $"The body is not JSON: {ex.Message}");
        }

        var work = eventName switch
        {
            "ping" => WebhookWork.None,
            "push" => WebhookWork.SyncRepository,
            "repository" when action is not null && RepositoryActions.Contains(action) => WebhookWork.SyncRepository,
            "team" or "membership" or "member" or "organization" => WebhookWork.SyncTeams,
            "issues" when issue is { Relevant: true } => WebhookWork.SyncIssue,
            _ => WebhookWork.None,
        };

        if (work != WebhookWork.None && (org is null || !o.Organizations.Contains(org, StringComparer.OrdinalIgnoreCase)))
        {
            return new WebhookResult(202, $"Ignored: organisation '{org}' is not synced.");
        }

        if ((work is WebhookWork.SyncRepository or WebhookWork.SyncIssue) && repo is null)
        {
            return new WebhookResult(400, "The payload names no repository.");
        }

        // Replays are recognised by the delivery id (GitHub redelivers under the same id) and by the signed body's hash
        // (someone who captured a delivery resends it under a new id; the signature still matches the same body).
        // Team, membership, member and organisation payloads carry no timestamp or id, so the same change made twice
        // (removed, added back, removed again) sends the same bytes: for them only the delivery id counts, or a real
        // removal would be dropped and the person keep the team until the next full sync.
        var bodySha256 = Convert.ToHexStringLower(SHA256.HashData(body.Span));
        var byBody = work != WebhookWork.SyncTeams;
        var forgetBefore = clock.GetUtcNow().UtcDateTime - RememberDeliveries;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var earlier = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.DeliveryId == deliveryId || (byBody && d.BodySha256 == bodySha256 && d.ReceivedAt >= forgetBefore))
            .Select(d => d.DeliveryId)
            .Take(2)
            .ToListAsync(ct);
        if (earlier.Count > 0)
        {
            var repeats = earlier.Contains(deliveryId, StringComparer.Ordinal) ? deliveryId : earlier[0];
            return await DropReplayAsync(eventName, deliveryId, action, repo is null ? null : $"{org}/{repo}", repeats, client);
        }

        WebhookResult result;
        if (work == WebhookWork.None)
        {
            result = new WebhookResult(202, eventName switch
            {
                "ping" => "Pong.",
                "issues" => $"Ignored: issue event '{action}' changes no debt item (only issues with the '{o.DebtLabel}' label are mirrored).",
                _ => $"Event '{eventName}' ({action}) is not used by Portal.",
            });
        }
        else
        {
            // A renamed repository arrives under its new name; the sync follows it by id.
            var organisation = o.Organizations.First(x => string.Equals(x, org, StringComparison.OrdinalIgnoreCase));
            result = work switch
            {
                WebhookWork.SyncRepository => new WebhookResult(202, $"Queued a sync of {organisation}/{repo}.", work, organisation, repo),
                WebhookWork.SyncIssue => new WebhookResult(202, $"Queued a sync of tech-debt issue {organisation}/{repo}#{issue!.Number}.", work, organisation, repo, issue.Number, issue.Id),
                _ => new WebhookResult(202, $"Queued a sync of {organisation}'s teams.", work, organisation),
            };
            var job = dispatch(result);
            result = result with { Message = $"{result.Message} Job {job}." };
        }

        db.WebhookDeliveries.Add(new WebhookDelivery(deliveryId, eventName, action, repo is null ? null : $"{org}/{repo}", bodySha256));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same delivery raced in twice; the second job is harmless (syncs are idempotent).
        }

        await db.WebhookDeliveries.Where(d => d.ReceivedAt < forgetBefore).ExecuteDeleteAsync(ct);
        return result;
    }

    /// <summary>
    /// Answers a replay the way a repeated delivery id has always been answered (200, nothing queued), and audits and
    /// logs the refusal, naming the delivery it repeats. Replays can be sent at will by whoever captured a delivery, so
    /// the entry passes <see cref="RefusalAudit"/>: one a minute per client address, the rest counted.
    /// </summary>
    private async Task<WebhookResult> DropReplayAsync(
        string eventName, string deliveryId, string? action, string? repository, string earlier, IPAddress? client)
    {
        var sameId = earlier == deliveryId;
        var reason = sameId
            ? $"delivery {deliveryId} was already handled"
            : $"its signed body is the same as delivery {earlier}'s";
        logger.LogWarning(
            "GitHub webhook delivery {DeliveryId} ({Event}) dropped as a replay: {Reason}.", deliveryId, eventName, reason);
        var address = client is null ? null : (client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client).ToString();
        await refusals.RecordAsync(
            new RefusalAttempt($"{ReplayAuditAction}|{RefusalAuditThrottle.AddressKey(client)}", WebhookActor, ReplayAuditAction, nameof(WebhookDelivery), deliveryId, address),
            leftOut => leftOut > 0
                ? new { Event = eventName, Action = action, Repository = repository, Repeats = earlier, SameBody = !sameId, ClientAddress = address, LeftOutSinceLastEntry = leftOut }
                : new { Event = eventName, Action = action, Repository = repository, Repeats = earlier, SameBody = !sameId, ClientAddress = address });
        return new WebhookResult(200, sameId
            ? $"Delivery {deliveryId} was already handled; dropped."
            : $"Delivery {deliveryId} repeats the signed body of delivery {earlier}, already handled; dropped as a replay.");
    }
}
