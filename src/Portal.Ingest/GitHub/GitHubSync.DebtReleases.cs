using Microsoft.Extensions.Logging;
using Octokit;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Sync;

namespace Portal.Ingest.GitHub;

// Tech-debt issues whose items the run releases: missing from the search (deleted, unlabelled, moved away), in archived
// repositories, or outsiders' while their issues are not mirrored; capped per run (docs/github-sync.md).
public sealed partial class GitHubSync
{
    /// <summary>
    /// Each open item whose issue the complete search did not return, looked up on GitHub (conditional, so usually a 304).
    /// Those whose answer would release the item (the issue answers "not found" or no longer carries the label) are added
    /// to <paramref name="pending"/>, released together under the run's cap (<see cref="ReleaseCappedAsync"/>).
    /// </summary>
    private async Task<SyncCounts> FollowMissingAsync(
        GitHubSession gh, string org, DebtIssueSearch found, IReadOnlySet<string> archived, GitHubOptions options, List<(string What, string Problem)> problems,
        List<DebtRelease> pending, CancellationToken ct)
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
                pending.Add(new DebtRelease(item, lookup, Outsider: false));
                continue;
            }

            counts = counts.Add(await ApplyLookupAsync(item, lookup, options, problems, pending, ct));
        }

        return counts;
    }

    /// <summary>
    /// Applies the run's releases. When more items than <see cref="GitHubOptions.MaxDebtReleasesPerRun"/> would be released
    /// at once (their issues answer "not found", no longer carry the label, or are outsiders' while outsiders' issues are
    /// not mirrored), none of them is: that looks like lost access or a wrong setting rather than that many issues
    /// deleted or relabelled. Each held-back item's history says so (at most once a day while the cause lasts).
    /// </summary>
    private async Task<SyncCounts> ReleaseCappedAsync(string org, List<DebtRelease> pending, GitHubOptions options, List<(string What, string Problem)> problems, CancellationToken ct)
    {
        var counts = new SyncCounts();
        if (pending.Count > options.MaxDebtReleasesPerRun)
        {
            var gone = pending.Count(r => !r.Outsider && r.Lookup.Gone);
            var outsiders = pending.Count(r => r.Outsider);
            var unlabelled = pending.Count - gone - outsiders;
            var cause = (gone, unlabelled, outsiders) switch
            {
                _ when gone == pending.Count => "That usually means the token or App lost access (it needs Issues: read)",
                _ when outsiders == pending.Count => $"That usually means {GitHubOptions.Section}:DebtIssuesFromOutsiders was turned off while many outsiders' issues were mirrored",
                _ => $"That usually means lost access, or a {GitHubOptions.Section}:DebtLabel ('{options.DebtLabel}') that no longer matches the label on GitHub",
            };
            var held = $"{pending.Count:N0} mirrored issues would be released at once ({gone:N0} answered 'not found', {unlabelled:N0} no longer carry the label, {outsiders:N0} were opened by people outside the organisation; {string.Join(", ", pending.Take(5).Select(g => g.Item.Reference))}{(pending.Count > 5 ? ", …" : "")}), more than {GitHubOptions.Section}:MaxDebtReleasesPerRun ({options.MaxDebtReleasesPerRun:N0}). {cause}, so no item was released. If this is on purpose, raise the setting for one run.";
            problems.Add(($"{org} (tech-debt issues)", held));
            try
            {
                // Each item's history says the sync held its release back (the run's errors are kept 90 days, the audit log longer).
                await debt.RecordRefusedReleasesAsync(Actor(org, null), [.. pending.Select(r => r.Item.ItemId)], held, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                problems.Add(($"{org} (tech-debt issues)", $"the held-back releases were not audited: {Cause(ex)}"));
            }

            return counts;
        }

        foreach (var release in pending)
        {
            counts = counts.Add(release.Outsider
                ? await ReleaseOutsiderAsync(release, problems, ct)
                : await ApplyLookupAsync(release.Item, release.Lookup, options, problems, null, ct));
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
    /// Releases an item that followed an outsider's issue (mirrored while <see cref="GitHubOptions.DebtIssuesFromOutsiders"/>
    /// was on) now that the setting is off, rather than leaving it frozen, read-only and never updated. It passes the
    /// issue's <c>updated_at</c>, so turning the setting on again follows the issue once it next changes.
    /// </summary>
    private async Task<SyncCounts> ReleaseOutsiderAsync(DebtRelease release, List<(string What, string Problem)> problems, CancellationToken ct)
    {
        var issue = release.Lookup.Issue!;
        try
        {
            var reason = $"the issue was opened by someone outside the organisation ({issue.AuthorAssociation}) and {GitHubOptions.Section}:DebtIssuesFromOutsiders is off";
            return Count(await debt.ReleaseItemAsync(Actor(issue.Organization, issue.Repository), release.Item.ItemId, reason, issue.UpdatedAt, ct));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            problems.Add((issue.Reference, $"the outsider's issue is no longer mirrored, but its debt item was not released; the next sync tries again: {Cause(ex)}"));
            return new SyncCounts();
        }
    }

    /// <summary>The release <paramref name="result"/> asks for: an item that followed an outsider's issue, now not mirrored.</summary>
    private static DebtRelease? OutsiderRelease(MirroredIssue issue, DebtMirrorResult? result) =>
        result is { Change: DebtMirrorChange.OutsiderRelease, ItemId: { } itemId }
            ? new DebtRelease(new DebtMirrorMissing(itemId, issue.Organization, issue.Repository, issue.Number, issue.Id), new DebtIssueLookup(issue, false, null), Outsider: true)
            : null;

    /// <summary>True when an outsider's issue was not mirrored because <see cref="GitHubOptions.DebtIssuesFromOutsiders"/> is off (the run lists it).</summary>
    private static bool LeftOutAsOutsiders(MirroredIssue issue, DebtMirrorResult? result, GitHubOptions options) =>
        !options.DebtIssuesFromOutsiders && !issue.LabelsMaySetAssessment && result?.Change is DebtMirrorChange.Ignored or DebtMirrorChange.OutsiderRelease;

    /// <summary>Whether applying <paramref name="lookup"/> releases the item (see <see cref="ApplyLookupAsync"/>).</summary>
    private static bool WouldRelease(DebtIssueLookup lookup, GitHubOptions options) =>
        lookup.Problem is null
        && (lookup.Gone || (lookup.Issue is { } issue && !(HasDebtLabel(issue, options) && options.Organizations.Contains(issue.Organization, StringComparer.OrdinalIgnoreCase))));

    /// <summary>An item the run would release: a missing issue's <paramref name="Lookup"/>, or an outsider's issue (<paramref name="Outsider"/>).</summary>
    private sealed record DebtRelease(DebtMirrorMissing Item, DebtIssueLookup Lookup, bool Outsider);
}
