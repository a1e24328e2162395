using Portal.Domain.Common;
using Portal.Domain.Debt;

namespace Portal.Domain.Reviews;

/// <summary>
/// A quarterly scaling-readiness review: one per quarter, for the organisation or a set of teams (and their
/// sub-teams). While <see cref="ReviewStatus.Open"/> people record findings, decisions and action items; closing
/// freezes a <see cref="Snapshots.ReviewSnapshot"/> of everything it looked at. A closed review is immutable;
/// an admin may reopen it, which starts a new <see cref="Revision"/> and keeps the earlier snapshot.
/// </summary>
public sealed class Review : IVersioned
{
    public const int MaxTitleLength = 200;
    public const int MaxScopeTeams = 200;
    public const int MaxReasonLength = 1_000;

    private Review()
    {
    }

    public Review(Quarter quarter, string? title, IReadOnlyCollection<Guid> scopeTeamIds, string createdBy, DateTime now)
    {
        Quarter = quarter.ToString();
        CreatedBy = createdBy;
        CreatedAt = now;
        UpdatedAt = now;
        Retitle(title, now);
        SetScope(scopeTeamIds, now);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    /// <summary>The quarter, as <c>2026-Q4</c>; unique, and how pages, the API and links name the review.</summary>
    public string Quarter { get; private set; } = "";

    public string Title { get; private set; } = "";

    /// <summary>The teams in scope (their sub-teams too); empty means the whole organisation.</summary>
    public List<Guid> ScopeTeamIds { get; private set; } = [];

    public ReviewStatus Status { get; private set; } = ReviewStatus.Open;

    /// <summary>1 for the first holding; each reopening adds one. Every revision that closed keeps its own snapshot.</summary>
    public int Revision { get; private set; } = 1;

    public string CreatedBy { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    /// <summary>When the current revision was closed (UTC); null while open.</summary>
    public DateTime? ClosedAt { get; private set; }

    public string? ClosedBy { get; private set; }

    /// <summary>Who reopened it last, when and why; null if it was never reopened.</summary>
    public string? ReopenedBy { get; private set; }

    public DateTime? ReopenedAt { get; private set; }

    public string? ReopenReason { get; private set; }

    public int Version { get; private set; }

    public bool IsOrganisation => ScopeTeamIds.Count == 0;

    public Quarter ParsedQuarter => Debt.Quarter.Parse(Quarter);

    public void IncrementVersion() => Version++;

    public void Retitle(string? title, DateTime now)
    {
        RequireOpen();
        var t = string.IsNullOrWhiteSpace(title) ? $"Scaling readiness {Quarter}" : title.Trim();
        if (t.Length > MaxTitleLength)
        {
            throw new DomainValidationException("title", $"is longer than {MaxTitleLength} characters");
        }

        Title = t;
        UpdatedAt = now;
    }

    /// <summary>Sets the teams in scope; none means the organisation.</summary>
    public void SetScope(IReadOnlyCollection<Guid> teamIds, DateTime now)
    {
        RequireOpen();
        var distinct = teamIds.Distinct().ToList();
        if (distinct.Count > MaxScopeTeams)
        {
            throw new DomainValidationException("teams", $"at most {MaxScopeTeams} teams can be named; leave it empty for the whole organisation");
        }

        ScopeTeamIds = distinct;
        UpdatedAt = now;
    }

    /// <summary>Throws unless findings, decisions and action items may still be recorded.</summary>
    public void RequireOpen()
    {
        if (Status == ReviewStatus.Closing)
        {
            throw new DomainValidationException("status", $"the review of {Quarter} is being closed; wait for it to finish");
        }

        if (Status == ReviewStatus.Closed)
        {
            throw new DomainValidationException("status", $"the review of {Quarter} is closed and cannot change; an admin may reopen it as a new revision");
        }
    }

    /// <summary>Open → Closing: the close job will freeze the snapshot.</summary>
    public void BeginClosing(DateTime now)
    {
        RequireOpen();
        Status = ReviewStatus.Closing;
        UpdatedAt = now;
    }

    /// <summary>Closing → Closed, once the snapshot is complete.</summary>
    public void CompleteClosing(string closedBy, DateTime now)
    {
        if (Status != ReviewStatus.Closing)
        {
            throw new DomainValidationException("status", $"the review of {Quarter} is {Status.ToString().ToLowerInvariant()}, not closing");
        }

        Status = ReviewStatus.Closed;
        ClosedAt = now;
        ClosedBy = closedBy;
        UpdatedAt = now;
    }

    /// <summary>Closing → Open, when the close failed and someone chose to carry on recording instead of retrying.</summary>
    public void CancelClosing(DateTime now)
    {
        if (Status != ReviewStatus.Closing)
        {
            throw new DomainValidationException("status", $"the review of {Quarter} is not being closed");
        }

        Status = ReviewStatus.Open;
        UpdatedAt = now;
    }

    /// <summary>Closed → Open as the next revision (admins only, checked by the command). The closed snapshot stays.</summary>
    public void Reopen(string by, string? reason, DateTime now)
    {
        if (Status != ReviewStatus.Closed)
        {
            throw new DomainValidationException("status", $"the review of {Quarter} is not closed");
        }

        var r = reason?.Trim();
        if (string.IsNullOrEmpty(r))
        {
            throw new DomainValidationException("reason", "say why the closed review is reopened");
        }

        if (r.Length > MaxReasonLength)
        {
            throw new DomainValidationException("reason", $"is longer than {MaxReasonLength} characters");
        }

        Status = ReviewStatus.Open;
        Revision++;
        ClosedAt = null;
        ClosedBy = null;
        ReopenedBy = by;
        ReopenedAt = now;
        ReopenReason = r;
        UpdatedAt = now;
    }
}
