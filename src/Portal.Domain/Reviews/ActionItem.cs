using Portal.Domain.Common;
using Portal.Domain.Scorecards;
using Portal.Domain.Signals;

namespace Portal.Domain.Reviews;

/// <summary>
/// Something a review asks a team to do by a date: optionally to bring a signal to a level (on one service, or
/// else on every service the owner team owns), so Portal can tell from the scorecards whether it was met. What
/// it says can change only while its review is open; whether it was done is tracked afterwards too, and the next
/// review shows it. It can become a debt item or grow into an initiative.
/// </summary>
public sealed class ActionItem : IVersioned
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 4_000;
    public const int MaxNoteLength = 1_000;

    private ActionItem()
    {
    }

    public ActionItem(Guid reviewId, ActionItemEdit edit, DateOnly today, string createdBy, string createdByName, DateTime now)
    {
        ReviewId = reviewId;
        CreatedBy = createdBy;
        CreatedByName = createdByName;
        CreatedAt = now;
        Edit(edit, today, now);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid ReviewId { get; private set; }

    public string Title { get; private set; } = "";

    /// <summary>Markdown.</summary>
    public string? Description { get; private set; }

    /// <summary>The team that will do it.</summary>
    public Guid OwnerTeamId { get; private set; }

    public DateOnly DueOn { get; private set; }

    public ScalingSignal? Signal { get; private set; }

    /// <summary>The level <see cref="Signal"/> should reach; needs a signal.</summary>
    public ScoreLevel? TargetLevel { get; private set; }

    /// <summary>The one service the target is about; null means every service the owner team owns.</summary>
    public Guid? ServiceId { get; private set; }

    public ActionItemStatus Status { get; private set; } = ActionItemStatus.Open;

    /// <summary>Why it was dropped, or a note on how it was done.</summary>
    public string? StatusNote { get; private set; }

    /// <summary>The day it became done or dropped; null while open.</summary>
    public DateOnly? ClosedOn { get; private set; }

    public string? StatusChangedBy { get; private set; }

    /// <summary>The debt item it became, if it did.</summary>
    public Guid? DebtItemId { get; private set; }

    /// <summary>The initiative it grew into, if it did.</summary>
    public Guid? InitiativeId { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public string CreatedByName { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public int Version { get; private set; }

    public void IncrementVersion() => Version++;

    /// <summary>Open and past its due date on <paramref name="today"/>.</summary>
    public bool IsMissedOn(DateOnly today) => Status == ActionItemStatus.Open && DueOn < today;

    /// <summary>
    /// Changes what the item says; every field is validated and named when wrong. <paramref name="today"/> is today in
    /// UTC: a due date from <see cref="DueDates.Earliest"/> (UTC's yesterday) on is accepted.
    /// </summary>
    public void Edit(ActionItemEdit edit, DateOnly today, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var title = edit.Title?.Trim() ?? "";
        if (title.Length == 0)
        {
            throw new DomainValidationException("title", "is required: say what will be done");
        }

        if (title.Length > MaxTitleLength)
        {
            throw new DomainValidationException("title", $"is longer than {MaxTitleLength} characters");
        }

        if (edit.Description is { Length: > MaxDescriptionLength })
        {
            throw new DomainValidationException("description", $"is longer than {MaxDescriptionLength:N0} characters");
        }

        if (edit.OwnerTeamId is not { } owner || owner == Guid.Empty)
        {
            throw new DomainValidationException("ownerTeam", "is required: choose the team that will do it");
        }

        if (edit.DueOn is not { } due)
        {
            throw new DomainValidationException("dueOn", "is required: choose the date it is due");
        }

        if (due < DueDates.Earliest(today) && due != DueOn)
        {
            throw new DomainValidationException("dueOn", $"{due:yyyy-MM-dd} is in the past");
        }

        if (edit.Signal is { } s && !Enum.IsDefined(s))
        {
            throw new DomainValidationException("signal", $"'{s}' is not one of the seven signals");
        }

        if (edit.TargetLevel is { } level)
        {
            if (edit.Signal is null)
            {
                throw new DomainValidationException("signal", "is required with a target level: say which signal should reach it");
            }

            if (level is < ScoreLevel.Bronze or > ScoreLevel.Gold)
            {
                throw new DomainValidationException("targetLevel", "must be Bronze, Silver or Gold");
            }
        }

        Title = title;
        Description = string.IsNullOrWhiteSpace(edit.Description) ? null : edit.Description.Trim();
        OwnerTeamId = owner;
        DueOn = due;
        Signal = edit.Signal;
        TargetLevel = edit.TargetLevel;
        ServiceId = edit.ServiceId;
        UpdatedAt = now;
    }

    /// <summary>Marks it done on <paramref name="today"/>, with an optional note.</summary>
    public void MarkDone(string by, string? note, DateOnly today, DateTime now) => Close(ActionItemStatus.Done, by, note, today, now);

    /// <summary>Drops it: a reason is required.</summary>
    public void Drop(string by, string? reason, DateOnly today, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainValidationException("note", "say why it is dropped");
        }

        Close(ActionItemStatus.Dropped, by, reason, today, now);
    }

    /// <summary>Back to open (it was marked done or dropped by mistake).</summary>
    public void Reopen(string by, DateTime now)
    {
        Status = ActionItemStatus.Open;
        StatusNote = null;
        ClosedOn = null;
        StatusChangedBy = by;
        UpdatedAt = now;
    }

    /// <summary>Remembers the debt item it became; once.</summary>
    public void LinkDebtItem(Guid debtItemId, DateTime now)
    {
        if (DebtItemId is not null)
        {
            throw new DomainValidationException("debtItem", "this action item is already a debt item");
        }

        DebtItemId = debtItemId;
        UpdatedAt = now;
    }

    /// <summary>Remembers the initiative it grew into; once.</summary>
    public void LinkInitiative(Guid initiativeId, DateTime now)
    {
        if (InitiativeId is not null)
        {
            throw new DomainValidationException("initiative", "this action item already grew into an initiative");
        }

        InitiativeId = initiativeId;
        UpdatedAt = now;
    }

    private void Close(ActionItemStatus status, string by, string? note, DateOnly today, DateTime now)
    {
        var n = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (n is { Length: > MaxNoteLength })
        {
            throw new DomainValidationException("note", $"is longer than {MaxNoteLength:N0} characters");
        }

        Status = status;
        StatusNote = n;
        ClosedOn = today;
        StatusChangedBy = by;
        UpdatedAt = now;
    }
}
