using Portal.Domain.Common;
using Portal.Domain.Signals;

namespace Portal.Domain.Reviews;

/// <summary>
/// A finding or a decision recorded during a review, optionally about one signal or one team. The text is
/// Markdown, rendered through the sanitising renderer. Editable only while the review is open.
/// </summary>
public sealed class ReviewNote : IVersioned
{
    public const int MaxTextLength = 4_000;

    private ReviewNote()
    {
    }

    public ReviewNote(Guid reviewId, ReviewNoteKind kind, string? text, ScalingSignal? signal, Guid? teamId, string createdBy, string createdByName, DateTime now)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new DomainValidationException("kind", $"'{kind}' is not finding or decision");
        }

        ReviewId = reviewId;
        Kind = kind;
        CreatedBy = createdBy;
        CreatedByName = createdByName;
        CreatedAt = now;
        Edit(text, signal, teamId, now);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid ReviewId { get; private set; }

    public ReviewNoteKind Kind { get; private set; }

    /// <summary>Markdown.</summary>
    public string Text { get; private set; } = "";

    public ScalingSignal? Signal { get; private set; }

    public Guid? TeamId { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public string CreatedByName { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public int Version { get; private set; }

    public void IncrementVersion() => Version++;

    public void Edit(string? text, ScalingSignal? signal, Guid? teamId, DateTime now)
    {
        var t = text?.Trim() ?? "";
        if (t.Length == 0)
        {
            throw new DomainValidationException("text", $"is required: write the {Kind.ToString().ToLowerInvariant()}");
        }

        if (t.Length > MaxTextLength)
        {
            throw new DomainValidationException("text", $"is longer than {MaxTextLength:N0} characters");
        }

        if (signal is { } s && !Enum.IsDefined(s))
        {
            throw new DomainValidationException("signal", $"'{s}' is not one of the seven signals");
        }

        Text = t;
        Signal = signal;
        TeamId = teamId;
        UpdatedAt = now;
    }
}
