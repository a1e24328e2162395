using Portal.Domain.Reviews;
using Portal.Domain.Reviews.Commands;
using Portal.Domain.Signals;

namespace Portal.Web.Components.Pages.Reviews;

/// <summary>What the finding-or-decision form edits; the domain validates it (text required, team exists).</summary>
public sealed class NoteFormModel
{
    public ReviewNoteKind Kind { get; set; } = ReviewNoteKind.Decision;

    public string? Text { get; set; }

    public ScalingSignal? Signal { get; set; }

    /// <summary>A team reference, or null.</summary>
    public string? Team { get; set; }

    /// <summary>The input the domain command takes.</summary>
    public NoteInput ToInput() => new(Kind, Text, Signal, Team);
}
