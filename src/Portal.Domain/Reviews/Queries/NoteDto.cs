using Portal.Domain.Signals;

namespace Portal.Domain.Reviews.Queries;

/// <summary>A finding or decision as pages and the API show it.</summary>
public sealed record NoteDto(Guid Id, ReviewNoteKind Kind, string Text, ScalingSignal? Signal, string? Team, string? TeamName, string By, DateTime At, int Version);
