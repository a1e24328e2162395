using Portal.Domain.Signals;

namespace Portal.Domain.Reviews.Queries;

/// <summary>A finding or decision as pages and the API show it.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Kind">Finding or decision.</param>
/// <param name="Text">Markdown.</param>
/// <param name="Signal">The signal it is about, if any.</param>
/// <param name="Team">The team it is about (reference), if any.</param>
/// <param name="TeamName">That team's display name.</param>
/// <param name="By">Who recorded it.</param>
/// <param name="At">When it was recorded (UTC).</param>
/// <param name="Version">Send it back when changing the note.</param>
/// <param name="MayChange">
/// The viewer may edit or delete it while the review is open (<see cref="Commands.ReviewPermissions.MayChangeNote"/>);
/// whether they may run the review at all is <see cref="ReviewView.MayRun"/>.
/// </param>
public sealed record NoteDto(Guid Id, ReviewNoteKind Kind, string Text, ScalingSignal? Signal, string? Team, string? TeamName, string By, DateTime At, int Version, bool MayChange = false);
