using Portal.Domain.Common;
using Portal.Domain.Scorecards;
using Portal.Domain.Signals;

namespace Portal.Domain.Reviews;

/// <summary>
/// A target for a scope by a date, with an owner: "every tier-1 service at Silver on cascading failures by
/// 2027-03-31". Progress is never typed in: it is counted from the scorecards (how many services in scope reach
/// the level on the signal), day by day for the burn-up. Often grown out of a review's action item.
/// </summary>
public sealed class Initiative : IVersioned
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 4_000;
    public const int MaxScopeTeams = 200;

    /// <summary>
    /// The longest an initiative may run, start to due date, in days (three years). Beyond it a target is a strategy,
    /// not an initiative; and the burn-up, one point a day, stays small even when a start date is mistyped (0026 for 2026).
    /// </summary>
    public const int MaxSpanDays = 3 * 366;

    private Initiative()
    {
    }

    public Initiative(InitiativeEdit edit, Guid? fromActionItemId, DateOnly today, string createdBy, string createdByName, DateTime now)
    {
        CreatedBy = createdBy;
        CreatedByName = createdByName;
        CreatedAt = now;
        FromActionItemId = fromActionItemId;
        Edit(edit, today, now);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public string Title { get; private set; } = "";

    public string? Description { get; private set; }

    public ScalingSignal Signal { get; private set; }

    public ScoreLevel TargetLevel { get; private set; }

    /// <summary>Teams in scope (with their sub-teams); empty for the organisation.</summary>
    public List<Guid> ScopeTeamIds { get; private set; } = [];

    /// <summary>Only services of this tier or more critical; null for all tiers.</summary>
    public int? MaxTier { get; private set; }

    public Guid OwnerTeamId { get; private set; }

    public DateOnly StartsOn { get; private set; }

    public DateOnly DueOn { get; private set; }

    public InitiativeStatus Status { get; private set; } = InitiativeStatus.Active;

    /// <summary>The action item it grew out of, if any.</summary>
    public Guid? FromActionItemId { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public string CreatedByName { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public int Version { get; private set; }

    public void IncrementVersion() => Version++;

    /// <summary>
    /// Changes the initiative; every field is validated and named when wrong. <paramref name="today"/> is today in UTC:
    /// the start defaults to it, and a due date from <see cref="DueDates.Earliest"/> (UTC's yesterday) on is accepted.
    /// </summary>
    public void Edit(InitiativeEdit edit, DateOnly today, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var title = edit.Title?.Trim() ?? "";
        if (title.Length == 0)
        {
            throw new DomainValidationException("title", "is required: state the target in words");
        }

        if (title.Length > MaxTitleLength)
        {
            throw new DomainValidationException("title", $"is longer than {MaxTitleLength} characters");
        }

        if (edit.Description is { Length: > MaxDescriptionLength })
        {
            throw new DomainValidationException("description", $"is longer than {MaxDescriptionLength:N0} characters");
        }

        if (edit.Signal is not { } signal || !Enum.IsDefined(signal))
        {
            throw new DomainValidationException("signal", "is required: choose the signal the target is on");
        }

        if (edit.TargetLevel is not { } level || level is < ScoreLevel.Bronze or > ScoreLevel.Gold)
        {
            throw new DomainValidationException("targetLevel", "must be Bronze, Silver or Gold");
        }

        if (edit.MaxTier is { } tier && tier is < 1 or > 3)
        {
            throw new DomainValidationException("maxTier", "must be 1, 2 or 3 (or empty for every tier)");
        }

        if (edit.OwnerTeamId is not { } owner || owner == Guid.Empty)
        {
            throw new DomainValidationException("ownerTeam", "is required: choose the accountable team");
        }

        var teams = (edit.ScopeTeamIds ?? []).Distinct().ToList();
        if (teams.Count > MaxScopeTeams)
        {
            throw new DomainValidationException("teams", $"at most {MaxScopeTeams} teams can be named; leave it empty for the whole organisation");
        }

        var starts = edit.StartsOn ?? (StartsOn == default ? today : StartsOn);
        if (edit.DueOn is not { } due)
        {
            throw new DomainValidationException("dueOn", "is required: choose the date the target should be met");
        }

        if (due <= starts)
        {
            throw new DomainValidationException("dueOn", $"must be after the start ({starts:yyyy-MM-dd})");
        }

        if (due.DayNumber - starts.DayNumber > MaxSpanDays)
        {
            throw new DomainValidationException("startsOn", $"{starts:yyyy-MM-dd} is more than three years before the due date ({due:yyyy-MM-dd}): check the year, or split the target into shorter initiatives");
        }

        if (due < DueDates.Earliest(today) && due != DueOn)
        {
            throw new DomainValidationException("dueOn", $"{due:yyyy-MM-dd} is in the past");
        }

        Title = title;
        Description = string.IsNullOrWhiteSpace(edit.Description) ? null : edit.Description.Trim();
        Signal = signal;
        TargetLevel = level;
        ScopeTeamIds = teams;
        MaxTier = edit.MaxTier;
        OwnerTeamId = owner;
        StartsOn = starts;
        DueOn = due;
        UpdatedAt = now;
    }

    public void SetStatus(InitiativeStatus status, DateTime now)
    {
        if (!Enum.IsDefined(status))
        {
            throw new DomainValidationException("status", $"'{status}' is not active, completed or cancelled");
        }

        Status = status;
        UpdatedAt = now;
    }
}
