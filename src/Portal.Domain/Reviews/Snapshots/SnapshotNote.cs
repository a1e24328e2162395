using Portal.Domain.Signals;

namespace Portal.Domain.Reviews.Snapshots;

/// <summary>A finding or decision as recorded when the review closed.</summary>
public sealed record SnapshotNote(Guid Id, ReviewNoteKind Kind, string Text, ScalingSignal? Signal, string? Team, string By, DateTime At);
