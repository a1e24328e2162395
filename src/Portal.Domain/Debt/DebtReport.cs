using Portal.Domain.Common;

namespace Portal.Domain.Debt;

/// <summary>
/// A report of pain on a debt item: "lost 6 h to a flaky deploy", "incident INC-123". Anyone who can read the
/// register may add one. The last 90 days of reports make up the item's interest unless a person overrides it. So that
/// nobody can inflate an item's interest alone, one report counts at most <see cref="MaxHours"/> hours, one person adds at
/// most <see cref="MaxPerPersonPerDay"/> reports a day, and the owning team can remove a report it disputes (with a
/// reason; the report stays visible, struck out, and stops counting).
/// </summary>
public sealed class DebtReport
{
    public const int MaxNoteLength = 500;
    public const int MaxIncidentLength = 100;
    public const int MaxReasonLength = 500;

    /// <summary>A working week: one report of pain counts at most this many hours.</summary>
    public const double MaxHours = 40;

    /// <summary>How many reports one person may add in one UTC day, over all items.</summary>
    public const int MaxPerPersonPerDay = 10;

    private DebtReport()
    {
    }

    public DebtReport(Guid debtItemId, DateOnly occurredOn, double hours, string? note, string? incident, string author, string authorDisplayName, DateOnly today, DateTime now)
    {
        if (double.IsNaN(hours) || hours < 0 || hours > MaxHours)
        {
            throw new DomainValidationException("hours", $"must be between 0 and {MaxHours:N0} (one report counts at most a working week; add one report per occasion)");
        }

        var text = note?.Trim() ?? "";
        var inc = string.IsNullOrWhiteSpace(incident) ? null : incident.Trim();
        if (text.Length == 0 && inc is null)
        {
            throw new DomainValidationException("note", "say what happened, or name the incident");
        }

        if (text.Length > MaxNoteLength)
        {
            throw new DomainValidationException("note", $"is longer than {MaxNoteLength} characters");
        }

        if (inc is { Length: > MaxIncidentLength })
        {
            throw new DomainValidationException("incident", $"is longer than {MaxIncidentLength} characters");
        }

        if (occurredOn > today)
        {
            throw new DomainValidationException("occurredOn", "is in the future");
        }

        if (hours == 0 && inc is null)
        {
            throw new DomainValidationException("hours", "say how many hours were lost (more than 0), or name the incident");
        }

        DebtItemId = debtItemId;
        OccurredOn = occurredOn;
        Hours = hours;
        Note = text.Length == 0 ? null : text;
        Incident = inc;
        Author = author;
        AuthorDisplayName = authorDisplayName;
        CreatedAt = now;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid DebtItemId { get; private set; }

    /// <summary>The day the pain happened.</summary>
    public DateOnly OccurredOn { get; private set; }

    /// <summary>Hours lost; 0 is allowed when the report names an incident.</summary>
    public double Hours { get; private set; }

    public string? Note { get; private set; }

    /// <summary>An incident reference such as <c>INC-123</c>, or a URL.</summary>
    public string? Incident { get; private set; }

    /// <summary>Who reported it (the audit name).</summary>
    public string Author { get; private set; } = "";

    public string AuthorDisplayName { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }

    /// <summary>When the owning team removed the report (UTC); a removed report no longer counts towards interest.</summary>
    public DateTime? RemovedAt { get; private set; }

    /// <summary>Who removed it (the audit name).</summary>
    public string? RemovedBy { get; private set; }

    /// <summary>Why the owning team disputes it.</summary>
    public string? RemovalReason { get; private set; }

    public bool IsRemoved => RemovedAt is not null;

    /// <summary>Removes the report from the interest, keeping it visible with who removed it and why.</summary>
    public void Remove(string removedBy, string? reason, DateTime now)
    {
        var why = reason?.Trim() ?? "";
        if (why.Length == 0)
        {
            throw new DomainValidationException("reason", "say why the report is removed");
        }

        if (why.Length > MaxReasonLength)
        {
            throw new DomainValidationException("reason", $"is longer than {MaxReasonLength} characters");
        }

        if (IsRemoved)
        {
            throw new DomainValidationException("report", "is already removed");
        }

        (RemovedAt, RemovedBy, RemovalReason) = (now, removedBy, why);
    }
}
