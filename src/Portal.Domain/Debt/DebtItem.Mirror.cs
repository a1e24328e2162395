using Portal.Domain.Common;

namespace Portal.Domain.Debt;

// Mirroring a GitHub issue. The sync owns the title, the description, the open/closed state and the link to the
// issue; people own everything else (docs/github-sync.md, "Tech-debt issues").
public sealed partial class DebtItem
{
    /// <summary>Days a decision taken on GitHub ("closed as not planned") waits before it is looked at again.</summary>
    public const int NotPlannedLookAgainDays = 180;

    /// <summary>The Won't-fix reason of an item whose issue was closed on GitHub as not planned.</summary>
    public const string NotPlannedReason = "Closed on GitHub as not planned.";

    /// <summary>The status it had when its GitHub issue was closed; reopening the issue returns it there.</summary>
    public DebtStatus? StatusBeforeClosed { get; private set; }

    /// <summary>
    /// True while the GitHub sync mirrors an issue into this item: its title, description, open/closed state and
    /// issue link are then GitHub's, and an edit in Portal does not change them.
    /// </summary>
    public bool IsMirrored => Source == DataSource.GitHub && ExternalUrl is not null;

    /// <summary>
    /// GitHub's id of the issue this item mirrors (or mirrored, once released). Unlike the web address it survives a
    /// repository rename, an issue transfer and an organisation's new login, so the sync finds the item by it. Null for
    /// items mirrored before the id was kept (the next sync fills it in) and for items that never mirrored an issue.
    /// </summary>
    public long? GitHubIssueId { get; private set; }

    /// <summary>
    /// The issue's <c>updated_at</c> when its state was last applied here: an answer older than this (a search index
    /// that has not caught up with a webhook) is not applied, so it cannot undo a newer state.
    /// </summary>
    public DateTime? MirroredUpdatedAt { get; private set; }

    /// <summary>
    /// Starts (or resumes) mirroring the issue at <paramref name="url"/> with GitHub's id <paramref name="issueId"/>.
    /// When the issue has moved (repository renamed, issue transferred), the address follows and the link to the old
    /// address is replaced. False when nothing changed.
    /// </summary>
    public bool StartMirroring(string url, DateTime now, long? issueId = null)
    {
        var id = issueId is > 0 ? issueId : GitHubIssueId;
        if (IsMirrored && ExternalUrl == url && GitHubIssueId == id)
        {
            return false;
        }

        if (ExternalUrl is { } old && !string.Equals(old, url, StringComparison.Ordinal))
        {
            Links = Links.Where(l => !(l.Kind == DebtLinkKind.GitHubIssue && string.Equals(l.Url, old, StringComparison.OrdinalIgnoreCase))).ToList();
        }

        RecordSource(DataSource.GitHub, url, now);
        GitHubIssueId = id;
        return true;
    }

    /// <summary>
    /// When this item stopped following its GitHub issue for good: an admin stopped it (an organisation no longer synced,
    /// the sync switched off), or the sync released it because its repository was archived. The sync never mirrors the
    /// issue into it again, even after an unarchive. Null otherwise.
    /// </summary>
    public DateTime? MirrorStoppedAt { get; private set; }

    /// <summary>The login of the issue's author on GitHub (<c>user.login</c>), as the sync last read it; null for other items.</summary>
    public string? GitHubAuthor { get; private set; }

    /// <summary>The author's relation to the repository (<c>author_association</c>: OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, NONE…).</summary>
    public string? GitHubAuthorAssociation { get; private set; }

    /// <summary>
    /// True when the item follows its issue as an outsider's: the author was not an owner, member or collaborator of the
    /// repository when the item started following it (see <see cref="RecordAuthor"/>). False when unknown.
    /// </summary>
    public bool OpenedByOutsider => GitHubAuthorAssociation is not null && !MirroredIssue.IsInsider(GitHubAuthorAssociation);

    /// <summary>
    /// Records who opened the issue (values GitHub did not send keep what was known). False when nothing changed.
    /// An item already following the issue as an insider's (or from before Portal recorded authors) keeps that relation
    /// when GitHub later reads the author as an outsider: people leave the organisation, and GitHub reports a member whose
    /// membership is private as a contributor, so a later read must not turn a trusted item into an outsider's.
    /// <paramref name="firstFollow"/> is true when the item starts following the issue (created or adopted): then the
    /// relation GitHub gives is recorded as it is.
    /// </summary>
    public bool RecordAuthor(string? login, string? association, bool firstFollow)
    {
        var newLogin = string.IsNullOrWhiteSpace(login) ? GitHubAuthor : TextCut.Shorten(login.Trim(), MaxAuthorLength);
        var newAssociation = string.IsNullOrWhiteSpace(association) ? GitHubAuthorAssociation : TextCut.Shorten(association.Trim().ToUpperInvariant(), MaxAuthorLength);
        if (!firstFollow && !MirroredIssue.IsInsider(newAssociation) && (GitHubAuthorAssociation is null || MirroredIssue.IsInsider(GitHubAuthorAssociation)))
        {
            newAssociation = GitHubAuthorAssociation;
        }

        if (newLogin == GitHubAuthor && newAssociation == GitHubAuthorAssociation)
        {
            return false;
        }

        (GitHubAuthor, GitHubAuthorAssociation) = (newLogin, newAssociation);
        return true;
    }

    /// <summary>Longest GitHub login or author association kept (GitHub's logins have at most 39 characters).</summary>
    public const int MaxAuthorLength = 100;

    /// <summary>
    /// An admin stops this item following its issue: released as by <see cref="StopMirroring"/>, and the sync never
    /// mirrors the issue into it again. False when it was not mirrored.
    /// </summary>
    public bool StopFollowing(DateTime now)
    {
        if (!StopMirroring(now))
        {
            return false;
        }

        MirrorStoppedAt = now;
        return true;
    }

    /// <summary>
    /// True when an answer about the issue last updated at <paramref name="updatedAt"/> is older than what this item
    /// already follows, so applying it would go back in time.
    /// </summary>
    public bool IsOlderThanMirrored(DateTime? updatedAt) =>
        MirroredUpdatedAt is { } seen && updatedAt is { } at && at < seen;

    /// <summary>
    /// True when an answer about the issue last updated at <paramref name="updatedAt"/> is not newer than the last one
    /// applied here (for a released item: the live answer that released it).
    /// </summary>
    public bool IsNoNewerThanMirrored(DateTime? updatedAt) =>
        MirroredUpdatedAt is { } seen && updatedAt is { } at && at <= seen;

    /// <summary>Remembers the <c>updated_at</c> of the answer just applied (never moves back).</summary>
    public void MarkMirrored(DateTime? updatedAt)
    {
        if (updatedAt is { } at && (MirroredUpdatedAt is not { } seen || at > seen))
        {
            MirroredUpdatedAt = at;
        }
    }

    /// <summary>
    /// Stops mirroring (the label was removed, the issue deleted or moved): the item becomes Portal's own, keeps its
    /// status and its link to the issue, and every field is people's from now on. False when it was not mirrored.
    /// </summary>
    public bool StopMirroring(DateTime now)
    {
        if (!IsMirrored)
        {
            return false;
        }

        Source = DataSource.Manual;
        StatusBeforeClosed = null;
        Stamp(now);
        return true;
    }

    /// <summary>Takes the issue's title, body and link; other links stay. False when nothing changed.</summary>
    public bool MirrorText(string title, string? description, DebtLink issueLink, DateTime now)
    {
        var link = issueLink.Validated();
        var normalized = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        var links = Links.Where(l => l.Url != link.Url).Prepend(link).Take(MaxLinks).ToList();
        if (Title == title.Trim() && Description == normalized && Links.SequenceEqual(links))
        {
            return false;
        }

        Describe(title, description, now);
        Links = links;
        Stamp(now);
        return true;
    }

    /// <summary>
    /// Follows the issue's state. Closed: Done on the day it was closed (Won't fix, looked at again after
    /// <see cref="NotPlannedLookAgainDays"/> days, when closed as not planned), remembering the open status it had.
    /// Open again: back to that status (Accepted when unknown, or when it was Planned and no quarter is left). An open
    /// issue leaves an open item's status to people. False when nothing changed.
    /// </summary>
    public bool MirrorState(bool closed, bool notPlanned, DateTime? closedAt, DateOnly today, DateTime now)
    {
        if (!closed)
        {
            if (IsOpen)
            {
                return false;
            }

            var back = StatusBeforeClosed ?? DebtStatus.Accepted;
            Status = back == DebtStatus.Planned && TargetQuarter is null ? DebtStatus.Accepted : back;
            (DoneAt, WontFixReason, RevisitOn, StatusBeforeClosed) = (null, null, null, null);
            Stamp(now);
            return true;
        }

        var at = closedAt ?? now;
        var target = notPlanned ? DebtStatus.WontFix : DebtStatus.Done;
        if (Status == target && (target == DebtStatus.WontFix || DoneAt == at))
        {
            return false;
        }

        if (IsOpen)
        {
            StatusBeforeClosed = Status;
        }

        if (target == DebtStatus.Done)
        {
            (DoneAt, WontFixReason, RevisitOn) = (at, null, null);
        }
        else
        {
            var lookAgain = DateOnly.FromDateTime(at).AddDays(NotPlannedLookAgainDays);
            (DoneAt, WontFixReason, RevisitOn) = (null, NotPlannedReason, lookAgain > today ? lookAgain : today.AddDays(1));
        }

        Status = target;
        Stamp(now);
        return true;
    }

    /// <summary>
    /// Why an edit by a person would change what the sync owns (title, description, open/closed state, the issue
    /// link), as the field and the reason; null when it does not, or when the item is not mirrored.
    /// </summary>
    public (string Field, string Reason)? SyncOwnedConflict(string? title, string? description, DebtStatus status, IEnumerable<string> linkUrls)
    {
        if (!IsMirrored)
        {
            return null;
        }

        if ((title?.Trim() ?? "") != Title)
        {
            return ("title", "comes from the GitHub issue; change it on GitHub");
        }

        if ((string.IsNullOrWhiteSpace(description) ? null : description.Trim()) != Description)
        {
            return ("description", "comes from the GitHub issue; change it on GitHub");
        }

        if (StatusConflict(status) is { } why)
        {
            return ("status", why);
        }

        return linkUrls.Any(u => u.Trim() == ExternalUrl) ? null : ("links", "the link to the GitHub issue comes from GitHub and stays");
    }

    /// <summary>Why a person may not move a mirrored item to <paramref name="status"/> (open ↔ closed follows GitHub); null when they may.</summary>
    public string? StatusConflict(DebtStatus status) =>
        IsMirrored && status != Status && (!IsOpen || status is DebtStatus.Done or DebtStatus.WontFix)
            ? "follows the GitHub issue: close or reopen the issue on GitHub"
            : null;
}
