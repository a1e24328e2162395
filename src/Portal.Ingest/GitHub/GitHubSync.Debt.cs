using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Octokit;
using Portal.Domain.Common;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Security;
using Portal.Domain.Sync;

namespace Portal.Ingest.GitHub;

// Tech-debt issues: issues with GitHub:DebtLabel become debt items through the register's mirror commands
// (DebtMirrorCommands: validated, scored, audited, one issue per unit of work). docs/github-sync.md has the rules.
public sealed partial class GitHubSync
{
    /// <summary>What the run counts mirrored items under (created, updated, unchanged, and released as "orphaned").</summary>
    public const string DebtItemKind = "debt item";

    /// <summary>
    /// Brings one issue (an <c>issues</c> webhook named it) into the register: labelled, it is mirrored; unlabelled,
    /// deleted or moved out of the configured organisations, the item that mirrored it is released (it stays, as
    /// Portal's own). An issue moved within them (repository renamed, issue transferred) is followed: same item, new address.
    /// <paramref name="issueId"/> is GitHub's id for the issue, from the webhook: when GitHub answers that the issue is
    /// gone, its item is found by this id (an address can belong to another issue after a rename); without it only an
    /// item that has no id yet is found by the address.
    /// </summary>
    public Task<SyncOutcome> SyncIssueAsync(string org, string repository, int number, SyncTrigger trigger, CancellationToken ct, long? issueId = null)
    {
        var options = RequireEnabled();
        return RunLockedAsync($"{org}/{repository}#{number}", trigger, resumable: false, async run =>
        {
            await run.Heartbeat.PhaseAsync($"{org}/{repository}#{number}: reading the issue", 0, 1);
            var lookup = await DebtIssueReader.GetAsync(run.For(org), org, repository, number, run.Token);
            var problems = new List<(string What, string Problem)>();
            var counts = await ApplyLookupAsync(new DebtMirrorMissing(Guid.Empty, org, repository, number, issueId), lookup, options, problems, run.Token);
            await RecordDebtAsync(run.RunId, counts, problems, run.Token);
        }, ct);
    }

    /// <summary>
    /// What GitHub answered about one issue (<paramref name="at"/>: where Portal last knew it), applied: mirrored when it
    /// carries the label in a configured organisation, else its item released. A failure is a problem for this issue only.
    /// </summary>
    private async Task<SyncCounts> ApplyLookupAsync(DebtMirrorMissing at, DebtIssueLookup lookup, GitHubOptions options, List<(string What, string Problem)> problems, CancellationToken ct)
    {
        var actor = Actor(at.Organization, at.Repository);
        try
        {
            if (lookup.Problem is { } problem)
            {
                problems.Add((at.Reference, problem));
                return new SyncCounts();
            }

            if (lookup.Gone)
            {
                return Count(await ReleaseAsync(actor, at, null, null, "the issue is gone from GitHub (deleted, or its repository is)", ct));
            }

            if (lookup.Issue is not { } issue)
            {
                return new SyncCounts();
            }

            var moved = !string.Equals(issue.Organization, at.Organization, StringComparison.OrdinalIgnoreCase)
                || !string.Equals(issue.Repository, at.Repository, StringComparison.OrdinalIgnoreCase) || issue.Number != at.Number;
            if (HasDebtLabel(issue, options) && options.Organizations.Contains(issue.Organization, StringComparer.OrdinalIgnoreCase))
            {
                if (!issue.LabelsMaySetAssessment && !options.DebtIssuesFromOutsiders)
                {
                    problems.Add((issue.Reference, OutsidersProblem(options, [issue.Reference])));
                    return await ReleaseOutsidersAsync(issue, problems, ct);
                }

                // Found by GitHub's issue id, so a moved issue keeps its item (the address follows).
                return await MirrorOneAsync(Actor(issue.Organization, issue.Repository), issue, problems, ct);
            }

            var reason = moved ? $"the issue was transferred to {issue.Reference}" : $"the '{options.DebtLabel}' label was removed from the issue";
            return Count(await ReleaseAsync(actor, at, issue.Id, issue.UpdatedAt, reason, ct));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "GitHub tech-debt issue {Issue} not applied", at.Reference);
            problems.Add((at.Reference, $"the issue's debt item was not updated; the next sync tries again: {Cause(ex)}"));
            return new SyncCounts();
        }
    }

    /// <summary>
    /// Releases the item of <paramref name="at"/>: by the item's id when the sync knows which item it looked up (an address
    /// can belong to another issue after a rename), else by the issue's id (or, for items without one, its address).
    /// </summary>
    private Task<DebtMirrorResult> ReleaseAsync(Actor actor, DebtMirrorMissing at, long? issueId, DateTime? liveUpdatedAt, string reason, CancellationToken ct) =>
        at.ItemId != Guid.Empty
            ? debt.ReleaseItemAsync(actor, at.ItemId, reason, liveUpdatedAt, ct)
            : debt.ReleaseAsync(actor, at.Organization, at.Repository, at.Number, at.IssueId ?? issueId, reason, ct, liveUpdatedAt);

    /// <summary>
    /// One search for the organisation's open labelled issues, each mirrored. When the search was read to the end, each
    /// open item whose issue it no longer finds is looked up on its own (closed → Done or Won't fix; unlabelled, deleted
    /// or moved away → released; moved within the organisations → followed), since a search index can lag or be limited
    /// by permissions. A search that fails changes no item: the run says why and goes on.
    /// </summary>
    private async Task MirrorDebtAsync(GitHubSession gh, Guid runId, string org, IReadOnlySet<string> archived, GitHubOptions options, CancellationToken ct)
    {
        var label = options.DebtLabel;
        DebtIssueSearch found;
        try
        {
            found = await DebtIssueReader.SearchAsync(gh, org, label, options.MaxDebtIssuePages, ct);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or RateLimitPauseException or RateLimitExceededException or AuthorizationException))
        {
            logger.LogWarning(ex, "GitHub tech-debt issues of {Org} not read; no debt item changed", org);
            await RecordDebtAsync(runId, new SyncCounts(), [($"{org} (tech-debt issues)", $"the search for issues labelled '{label}' failed, so no debt item changed: {Describe(ex)}")], ct);
            return;
        }

        var problems = found.Problems.ToList();
        var counts = new SyncCounts();
        try
        {
            var outsiders = new List<string>();
            foreach (var issue in found.Issues)
            {
                if (!issue.LabelsMaySetAssessment && !options.DebtIssuesFromOutsiders)
                {
                    outsiders.Add(issue.Reference);
                    counts = counts.Add(await ReleaseOutsidersAsync(issue, problems, ct));
                    continue;
                }

                counts = counts.Add(await MirrorOneAsync(Actor(org, issue.Repository), issue, problems, ct));
            }

            if (outsiders.Count > 0)
            {
                problems.Add(($"{org} (tech-debt issues)", OutsidersProblem(options, outsiders)));
            }

            counts = counts.Add(await ReleaseArchivedAsync(org, archived, problems, ct));

            if (found.Complete)
            {
                counts = counts.Add(await FollowMissingAsync(gh, org, found, archived, options, problems, ct));
            }
            else
            {
                var read = found.Seen.Count;
                problems.Add(($"{org} (tech-debt issues)", read < found.Total
                    ? $"GitHub's search found {found.Total:N0} open issues labelled '{label}'; only the first {read:N0} were read ({GitHubOptions.Section}:MaxDebtIssuePages is {options.MaxDebtIssuePages:N0} pages of 100, or more than {DebtIssueReader.SearchResultCap:N0} issues were created in one second). The others' items were left as they were, and closed issues were not looked up."
                    : "GitHub said its search results are incomplete (the search timed out on its side); items it did not return were left as they were."));
            }
        }
        finally
        {
            // What was mirrored before a cancellation is still counted and its problems kept.
            if (!ct.IsCancellationRequested)
            {
                await RecordDebtAsync(runId, counts, problems, ct);
            }
        }
    }

    /// <summary>
    /// Each open item whose issue the complete search did not return, looked up on GitHub (conditional, so usually a 304).
    /// When more items than <see cref="GitHubOptions.MaxDebtReleasesPerRun"/> would be released at once (their issues
    /// answer "not found" or no longer carry the label), none of them is: that looks like lost access or a wrong label
    /// setting rather than that many issues deleted or relabelled.
    /// </summary>
    private async Task<SyncCounts> FollowMissingAsync(
        GitHubSession gh, string org, DebtIssueSearch found, IReadOnlySet<string> archived, GitHubOptions options, List<(string What, string Problem)> problems, CancellationToken ct)
    {
        IReadOnlyList<DebtMirrorMissing> missing;
        try
        {
            missing = await debt.MissingAsync(org, found.Seen, found.SeenIds, archived, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "The debt items of {Org} whose issues left the tech-debt search were not looked up", org);
            problems.Add(($"{org} (tech-debt issues)", $"the items whose issues the search no longer finds were not looked up, so they were left as they were: {Cause(ex)}"));
            return new SyncCounts();
        }

        var counts = new SyncCounts();
        var releases = new List<(DebtMirrorMissing Item, DebtIssueLookup Lookup)>();
        foreach (var item in missing)
        {
            DebtIssueLookup lookup;
            try
            {
                lookup = await DebtIssueReader.GetAsync(gh, item.Organization, item.Repository, item.Number, ct);
            }
            catch (Exception ex) when (ex is not (OperationCanceledException or RateLimitPauseException or RateLimitExceededException or AuthorizationException))
            {
                problems.Add((item.Reference, $"the issue left the tech-debt search but could not be read, so its item was left as it was: {Describe(ex)}"));
                continue;
            }

            if (WouldRelease(lookup, options))
            {
                releases.Add((item, lookup));
                continue;
            }

            counts = counts.Add(await ApplyLookupAsync(item, lookup, options, problems, ct));
        }

        // Deleted issues and issues that lost the label count alike: a token that lost access and a mistyped or renamed
        // GitHub:DebtLabel both look like "every mirrored issue left at once".
        if (releases.Count > options.MaxDebtReleasesPerRun)
        {
            var gone = releases.Count(r => r.Lookup.Gone);
            var cause = gone == releases.Count
                ? "That usually means the token or App lost access (it needs Issues: read)"
                : $"That usually means lost access, or a {GitHubOptions.Section}:DebtLabel ('{options.DebtLabel}') that no longer matches the label on GitHub";
            var held = $"{releases.Count:N0} mirrored issues would be released at once ({gone:N0} answered 'not found', {releases.Count - gone:N0} no longer carry the label; {string.Join(", ", releases.Take(5).Select(g => g.Item.Reference))}{(releases.Count > 5 ? ", …" : "")}), more than {GitHubOptions.Section}:MaxDebtReleasesPerRun ({options.MaxDebtReleasesPerRun:N0}). {cause}, so no item was released. If this is on purpose, raise the setting for one run.";
            problems.Add(($"{org} (tech-debt issues)", held));
            try
            {
                // Each item's history says the sync held its release back (the run's errors are kept 90 days, the audit log longer).
                await debt.RecordRefusedReleasesAsync(Actor(org, null), [.. releases.Select(r => r.Item.ItemId)], held, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                problems.Add(($"{org} (tech-debt issues)", $"the held-back releases were not audited: {Cause(ex)}"));
            }

            return counts;
        }

        foreach (var (item, lookup) in releases)
        {
            counts = counts.Add(await ApplyLookupAsync(item, lookup, options, problems, ct));
        }

        return counts;
    }

    /// <summary>
    /// Releases the items following issues of the organisation's archived repositories (GitHub's repository list says
    /// which): an archived repository is read-only, its issues can no longer be closed, and an item following one would
    /// stay open for good. No GitHub request is needed; the archival itself is the reason.
    /// </summary>
    private async Task<SyncCounts> ReleaseArchivedAsync(string org, IReadOnlySet<string> archived, List<(string What, string Problem)> problems, CancellationToken ct)
    {
        var counts = new SyncCounts();
        IReadOnlyList<DebtMirrorMissing> items;
        try
        {
            items = await debt.InArchivedRepositoriesAsync(org, archived, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            problems.Add(($"{org} (tech-debt issues)", $"the items of archived repositories were not released, so they were left as they were: {Cause(ex)}"));
            return counts;
        }

        foreach (var item in items)
        {
            try
            {
                var reason = DebtMirrorCommands.ArchivedReason(item.Organization, item.Repository);
                counts = counts.Add(Count(await debt.ReleaseArchivedItemAsync(Actor(item.Organization, item.Repository), item.ItemId, reason, ct)));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                problems.Add((item.Reference, $"the repository is archived, but the issue's debt item was not released; the next sync tries again: {Cause(ex)}"));
            }
        }

        return counts;
    }

    /// <summary>
    /// An outsider's issue while <see cref="GitHubOptions.DebtIssuesFromOutsiders"/> is off: an item still following it
    /// (mirrored while the setting was on) is released rather than left frozen, read-only and never updated.
    /// </summary>
    private async Task<SyncCounts> ReleaseOutsidersAsync(MirroredIssue issue, List<(string What, string Problem)> problems, CancellationToken ct)
    {
        try
        {
            var reason = $"the issue was opened by someone outside the organisation ({issue.AuthorAssociation ?? "relation unknown"}) and {GitHubOptions.Section}:DebtIssuesFromOutsiders is off";
            return Count(await debt.ReleaseAsync(Actor(issue.Organization, issue.Repository), issue.Organization, issue.Repository, issue.Number, issue.Id, reason, ct, issue.UpdatedAt));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            problems.Add((issue.Reference, $"the outsider's issue is no longer mirrored, but its debt item was not released; the next sync tries again: {Cause(ex)}"));
            return new SyncCounts();
        }
    }

    /// <summary>Whether applying <paramref name="lookup"/> releases the item (see <see cref="ApplyLookupAsync"/>).</summary>
    private static bool WouldRelease(DebtIssueLookup lookup, GitHubOptions options) =>
        lookup.Problem is null
        && (lookup.Gone || (lookup.Issue is { } issue && !(HasDebtLabel(issue, options) && options.Organizations.Contains(issue.Organization, StringComparer.OrdinalIgnoreCase))));

    private static string OutsidersProblem(GitHubOptions options, IReadOnlyList<string> issues) =>
        $"{Counted.Of(issues.Count, "issue", "issues")} labelled '{options.DebtLabel}' opened by people outside the organisation (not an owner, member or collaborator) "
        + $"{(issues.Count == 1 ? "was" : "were")} not mirrored: {string.Join(", ", issues.Take(10))}{(issues.Count > 10 ? ", …" : "")}. "
        + $"Set {GitHubOptions.Section}:DebtIssuesFromOutsiders to true to mirror them (their debt:… labels are never used).";

    private async Task<SyncCounts> MirrorOneAsync(Actor actor, MirroredIssue issue, List<(string What, string Problem)> problems, CancellationToken ct)
    {
        try
        {
            var result = await debt.MirrorAsync(actor, issue, ct);
            problems.AddRange(result.Problems.Select(p => (issue.Reference, p)));
            return Count(result);
        }
        catch (DomainValidationException ex)
        {
            problems.Add((issue.Reference, $"not mirrored into the debt register: {ex.Field} {ex.Reason}"));
            return new SyncCounts();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One issue that cannot be saved (a database refusal, a conflict that kept coming back) must not stop the
            // other issues, nor the organisations after this one: the run names it and goes on.
            logger.LogWarning(ex, "GitHub tech-debt issue {Issue} not mirrored", issue.Url);
            problems.Add((issue.Reference, $"not mirrored into the debt register ({issue.Url}); the other issues went on: {Cause(ex)}"));
            return new SyncCounts();
        }
    }

    /// <summary>The innermost reason of a failure (a database error, not EF's "see the inner exception").</summary>
    private static string Cause(Exception ex) => ex.GetBaseException().Message;

    private static bool HasDebtLabel(MirroredIssue issue, GitHubOptions options) =>
        issue.Labels.Contains(options.DebtLabel, StringComparer.OrdinalIgnoreCase);

    private static SyncCounts Count(DebtMirrorResult result) => result.Change switch
    {
        DebtMirrorChange.Created => new SyncCounts(Created: 1),
        DebtMirrorChange.Updated => new SyncCounts(Updated: 1),
        DebtMirrorChange.Unchanged => new SyncCounts(Unchanged: 1),
        DebtMirrorChange.Released => new SyncCounts(Orphaned: 1),
        _ => new SyncCounts(),
    };

    private async Task RecordDebtAsync(Guid runId, SyncCounts counts, IReadOnlyList<(string What, string Problem)> problems, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.SyncRuns.SingleAsync(r => r.Id == runId, ct);
        run.Count(DebtItemKind, counts);
        foreach (var (what, problem) in problems)
        {
            run.AddError(what, null, problem);
        }

        await db.SaveChangesAsync(ct);
    }
}
