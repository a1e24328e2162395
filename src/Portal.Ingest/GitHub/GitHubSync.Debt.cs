using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Octokit;
using Portal.Domain.Common;
using Portal.Domain.Debt;
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
            var counts = await ApplyLookupAsync(new DebtMirrorMissing(Guid.Empty, org, repository, number, issueId), lookup, options, problems, null, run.Token);
            await RecordDebtAsync(run.RunId, counts, problems, run.Token);
        }, ct);
    }

    /// <summary>
    /// What GitHub answered about one issue (<paramref name="at"/>: where Portal last knew it), applied: mirrored when it
    /// carries the label in a configured organisation, else its item released. A failure is a problem for this issue only.
    /// An outsider's item due for release (<see cref="DebtMirrorChange.OutsiderRelease"/>) is added to
    /// <paramref name="pending"/> when the run caps its releases, else released at once (one issue, one release).
    /// </summary>
    private async Task<SyncCounts> ApplyLookupAsync(
        DebtMirrorMissing at, DebtIssueLookup lookup, GitHubOptions options, List<(string What, string Problem)> problems, List<DebtRelease>? pending, CancellationToken ct)
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
            if (!moved && at.IssueId is > 0 and var known && issue.Id > 0 && issue.Id != known)
            {
                // Answered at the same address, but about another issue (its repository was renamed and another took the
                // name): that issue's label and state say nothing about this item's issue. (A redirect is a move, followed.)
                problems.Add((at.Reference, $"GitHub answers for {at.Reference} with another issue ({issue.Title}), so the item that followed the issue there was left as it was: its repository was probably renamed or the issue transferred, and another repository took the old name. The item stays open here until its issue is found again (the search finds it while it is open and labelled) or someone changes it in Portal."));
                return new SyncCounts();
            }

            if (HasDebtLabel(issue, options) && options.Organizations.Contains(issue.Organization, StringComparer.OrdinalIgnoreCase))
            {
                // Found by GitHub's issue id, so a renamed repository's issue keeps its item (the address follows). A transfer
                // gives the issue a new id; the old address redirects to it, and the item that followed it takes the new id.
                long? formerId = moved && at.IssueId is > 0 and var before && issue.Id > 0 && issue.Id != before ? before : null;
                var result = await MirrorOneAsync(Actor(issue.Organization, issue.Repository), issue, options, problems, formerId, ct);
                if (LeftOutAsOutsiders(issue, result, options))
                {
                    problems.Add((issue.Reference, OutsidersProblem(options, [issue.Reference])));
                }

                if (OutsiderRelease(issue, result) is not { } due)
                {
                    return Count(result);
                }

                if (pending is null)
                {
                    return await ReleaseOutsiderAsync(due, problems, ct);
                }

                pending.Add(due);
                return new SyncCounts();
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
            var pending = new List<DebtRelease>();
            async Task MirrorAllAsync(IEnumerable<MirroredIssue> issues)
            {
                foreach (var issue in issues)
                {
                    var result = await MirrorOneAsync(Actor(org, issue.Repository), issue, options, problems, null, ct);
                    counts = counts.Add(Count(result));
                    if (LeftOutAsOutsiders(issue, result, options))
                    {
                        outsiders.Add(issue.Reference);
                    }

                    if (OutsiderRelease(issue, result) is { } due)
                    {
                        pending.Add(due);
                    }
                }
            }

            // Issues no item knows yet are mirrored after the look-ups below: one of them may be a transferred issue (a
            // new id and address), whose item the look-up of its old address finds and moves over, rather than a new one.
            var known = await debt.KnownIssueIdsAsync([.. found.Issues.Select(i => i.Id)], ct);
            await MirrorAllAsync(found.Issues.Where(i => known.Contains(i.Id)));
            counts = counts.Add(await ReleaseArchivedAsync(org, archived, problems, ct));

            if (found.Complete)
            {
                counts = counts.Add(await FollowMissingAsync(gh, org, found, archived, options, problems, pending, ct));
            }
            else
            {
                var read = found.Seen.Count;
                problems.Add(($"{org} (tech-debt issues)", read < found.Total
                    ? $"GitHub's search found {found.Total:N0} open issues labelled '{label}'; only the first {read:N0} were read ({GitHubOptions.Section}:MaxDebtIssuePages is {options.MaxDebtIssuePages:N0} pages of 100, or more than {DebtIssueReader.SearchResultCap:N0} issues were created in one second). The others' items were left as they were, and closed issues were not looked up."
                    : "GitHub said its search results are incomplete (the search timed out on its side); items it did not return were left as they were."));
            }

            await MirrorAllAsync(found.Issues.Where(i => !known.Contains(i.Id)));
            if (outsiders.Count > 0)
            {
                problems.Add(($"{org} (tech-debt issues)", OutsidersProblem(options, outsiders)));
            }

            counts = counts.Add(await ReleaseCappedAsync(org, pending, options, problems, ct));
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

    private static string OutsidersProblem(GitHubOptions options, IReadOnlyList<string> issues) =>
        $"{Counted.Of(issues.Count, "issue", "issues")} labelled '{options.DebtLabel}' opened by people outside the organisation (not an owner, member or collaborator) "
        + $"{(issues.Count == 1 ? "was" : "were")} not mirrored: {string.Join(", ", issues.Take(10))}{(issues.Count > 10 ? ", …" : "")}. "
        + $"Set {GitHubOptions.Section}:DebtIssuesFromOutsiders to true to mirror them (their debt:… labels are never used).";

    /// <summary>Mirrors one issue; null when it could not be (the run names why and goes on).</summary>
    private async Task<DebtMirrorResult?> MirrorOneAsync(
        Actor actor, MirroredIssue issue, GitHubOptions options, List<(string What, string Problem)> problems, long? formerIssueId, CancellationToken ct)
    {
        try
        {
            var result = await debt.MirrorAsync(actor, issue, ct, options.DebtIssuesFromOutsiders, formerIssueId);
            problems.AddRange(result.Problems.Select(p => (issue.Reference, p)));
            return result;
        }
        catch (DomainValidationException ex)
        {
            problems.Add((issue.Reference, $"not mirrored into the debt register: {ex.Field} {ex.Reason}"));
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One issue that cannot be saved (a database refusal, a conflict that kept coming back) must not stop the
            // other issues, nor the organisations after this one: the run names it and goes on.
            logger.LogWarning(ex, "GitHub tech-debt issue {Issue} not mirrored", issue.Url);
            problems.Add((issue.Reference, $"not mirrored into the debt register ({issue.Url}); the other issues went on: {Cause(ex)}"));
            return null;
        }
    }

    /// <summary>The innermost reason of a failure (a database error, not EF's "see the inner exception").</summary>
    private static string Cause(Exception ex) => ex.GetBaseException().Message;

    private static bool HasDebtLabel(MirroredIssue issue, GitHubOptions options) =>
        issue.Labels.Contains(options.DebtLabel, StringComparer.OrdinalIgnoreCase);

    private static SyncCounts Count(DebtMirrorResult? result) => result?.Change switch
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
