using Portal.Domain.Common;

namespace Portal.Domain.Debt;

/// <summary>
/// A report of pain on a debt item: "lost 6 h to a flaky deploy", "incident INC-123". Anyone who can read the
/// register may add one. The last 90 days of reports make up the item's interest unless a person overrides it.
/// </summary>
public sealed class DebtReport
{
    public const int MaxNoteLength = 500;
    public const int MaxIncidentLength = 100;
    public const double MaxHours = 1_000;

    private DebtReport()
    {
    }

    public DebtReport(Guid debtItemId, DateOnly occurredOn, double hours, string? note, string? incident, string author, string authorDisplayName, DateOnly today, DateTime now)
    {
        if (double.IsNaN(hours) || hours < 0 || hours > MaxHours)
        {
            throw new DomainValidationException("hours", $"must be between 0 and {MaxHours:N0}");
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
}
