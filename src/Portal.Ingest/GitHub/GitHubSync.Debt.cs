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
    /// deleted or moved away, the item that mirrored it is released (it stays, as Portal's own).
    /// </summary>
    public Task<SyncOutcome> SyncIssueAsync(string org, string repository, int number, SyncTrigger trigger, CancellationToken ct)
    {
        var options = RequireEnabled();
        return RunLockedAsync($"{org}/{repository}#{number}", trigger, resumable: false, async run =>
        {
            await run.Heartbeat.PhaseAsync($"{org}/{repository}#{number}: reading the issue", 0, 1);
            var lookup = await DebtIssueReader.GetAsync(run.For(org), org, repository, number, run.Token);
            await ApplyIssueAsync(run.RunId, org, repository, number, lookup, options, run.Token);
        }, ct);
    }

    private async Task ApplyIssueAsync(Guid runId, string org, string repository, int number, DebtIssueLookup lookup, GitHubOptions options, CancellationToken ct)
    {
        var actor = Actor(org, repository);
        var problems = new List<(string What, string Problem)>();
        var counts = new SyncCounts();
        if (lookup.Problem is { } problem)
        {
            problems.Add(($"{org}/{repository}#{number}", problem));
        }
        else if (lookup.Gone)
        {
            counts = Count(await debt.ReleaseAsync(actor, org, repository, number, "the issue is gone from GitHub (deleted, or its repository is)", ct));
        }
        else if (lookup.Issue is { } issue)
        {
            var moved = !string.Equals(issue.Organization, org, StringComparison.OrdinalIgnoreCase)
                || !string.Equals(issue.Repository, repository, StringComparison.OrdinalIgnoreCase) || issue.Number != number;
            if (moved)
            {
                counts = Count(await debt.ReleaseAsync(actor, org, repository, number, $"the issue was transferred to {issue.Reference}", ct));
            }

            if (HasDebtLabel(issue, options) && options.Organizations.Contains(issue.Organization, StringComparer.OrdinalIgnoreCase))
            {
                counts = counts.Add(await MirrorOneAsync(Actor(issue.Organization, issue.Repository), issue, problems, ct));
            }
            else if (!moved)
            {
                counts = Count(await debt.ReleaseAsync(actor, org, repository, number, $"the '{options.DebtLabel}' label was removed from the issue", ct));
            }
        }

        await RecordDebtAsync(runId, counts, problems, ct);
    }

    /// <summary>
    /// One search for the organisation's labelled issues, each mirrored; when the search was read to the end, items
    /// of issues it no longer finds are released. A search that fails changes no item: the run says why and goes on.
    /// </summary>
    private async Task MirrorDebtAsync(GitHubSession gh, Guid runId, string org, GitHubOptions options, CancellationToken ct)
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

        var actor = Actor(org, null);
        var problems = found.Problems.ToList();
        var counts = new SyncCounts();
        foreach (var issue in found.Issues)
        {
            counts = counts.Add(await MirrorOneAsync(Actor(org, issue.Repository), issue, problems, ct));
        }

        if (found.Complete)
        {
            var released = await debt.ReleaseMissingAsync(
                actor, org, found.Seen, $"the search for issues labelled '{label}' no longer finds it (label removed, issue deleted or transferred)", ct);
            counts = counts.Add(new SyncCounts(Orphaned: released));
        }
        else
        {
            var read = found.Seen.Count;
            problems.Add(($"{org} (tech-debt issues)", read < found.Total
                ? $"GitHub's search found {found.Total:N0} issues labelled '{label}'; only the first {read:N0} were read ({GitHubOptions.Section}:MaxDebtIssuePages pages of 100; GitHub's search answers at most 1,000). The others' items were left as they were and none was released."
                : "GitHub said its search results are incomplete (the search timed out on its side); items it did not return were left as they were and none was released."));
        }

        await RecordDebtAsync(runId, counts, problems, ct);
    }

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
    }

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
