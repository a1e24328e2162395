using Portal.Domain.Reviews.Snapshots;

namespace Portal.Domain.Reviews.Queries;

/// <summary>A review as its page shows it: where it stands, what was recorded, and the previous review's action items.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Quarter">The quarter.</param>
/// <param name="Title">Its title.</param>
/// <param name="Status">Open, closing or closed.</param>
/// <param name="Revision">Current revision (1 unless reopened).</param>
/// <param name="Scope">The organisation or the teams named.</param>
/// <param name="CreatedBy">Who created it.</param>
/// <param name="CreatedAt">When (UTC).</param>
/// <param name="ClosedAt">When the current revision closed.</param>
/// <param name="ClosedBy">Who closed it.</param>
/// <param name="ReopenedBy">Who reopened it last.</param>
/// <param name="ReopenedAt">When.</param>
/// <param name="ReopenReason">Why.</param>
/// <param name="Version">Send it back when changing the review.</param>
/// <param name="Closing">The latest close attempt of the current revision, if any.</param>
/// <param name="Revisions">Closed revisions, newest first.</param>
/// <param name="Notes">Findings and decisions recorded so far (live, for an open review).</param>
/// <param name="ActionItems">Its action items, live.</param>
/// <param name="PreviousQuarter">The previous closed review's quarter, if any.</param>
/// <param name="PreviousActionItems">That review's action items and whether they were done, live.</param>
/// <param name="MayRun">The viewer may record in it and close it.</param>
/// <param name="MayReopen">The viewer may reopen it (admins, once closed).</param>
public sealed record ReviewView(
    Guid Id,
    string Quarter,
    string Title,
    ReviewStatus Status,
    int Revision,
    SnapshotScope Scope,
    string CreatedBy,
    DateTime CreatedAt,
    DateTime? ClosedAt,
    string? ClosedBy,
    string? ReopenedBy,
    DateTime? ReopenedAt,
    string? ReopenReason,
    int Version,
    ReviewClosingDto? Closing,
    IReadOnlyList<SnapshotInfo> Revisions,
    IReadOnlyList<NoteDto> Notes,
    IReadOnlyList<ActionItemDto> ActionItems,
    string? PreviousQuarter,
    IReadOnlyList<ActionItemDto> PreviousActionItems,
    bool MayRun,
    bool MayReopen);
