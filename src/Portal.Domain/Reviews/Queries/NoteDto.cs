using Portal.Domain.Signals;

namespace Portal.Domain.Reviews.Queries;

/// <summary>A finding or decision as pages and the API show it.</summary>
/// <param name="MayChange">
/// The viewer may edit or delete it while the review is open (<see cref="Commands.ReviewPermissions.MayChangeNote"/>);
/// whether they may run the review at all is <see cref="ReviewView.MayRun"/>.
/// </param>
public sealed record NoteDto(Guid Id, ReviewNoteKind Kind, string Text, ScalingSignal? Signal, string? Team, string? TeamName, string By, DateTime At, int Version, bool MayChange = false);
