using Portal.Domain.Signals;

namespace Portal.Domain.Reviews.Commands;

/// <summary>A finding or decision as a person writes it.</summary>
/// <param name="Kind">Finding or decision.</param>
/// <param name="Text">Markdown.</param>
/// <param name="Signal">The signal it is about, if one.</param>
/// <param name="Team">The team it is about (reference), if one.</param>
public sealed record NoteInput(ReviewNoteKind Kind, string? Text, ScalingSignal? Signal = null, string? Team = null);
