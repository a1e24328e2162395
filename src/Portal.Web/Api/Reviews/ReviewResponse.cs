using Portal.Domain.Reviews.Queries;
using Portal.Domain.Reviews.Snapshots;

namespace Portal.Web.Api.Reviews;

/// <summary>One review: where it stands and what was recorded (<see cref="Review"/>), and what it looked at.</summary>
/// <param name="Review">The review, its notes and action items (live), and the previous review's action items.</param>
/// <param name="Live">True while open: <see cref="Content"/> holds today's numbers. False: the frozen record of the latest closed revision.</param>
/// <param name="Content">What the review looked at.</param>
public sealed record ReviewResponse(ReviewView Review, bool Live, SnapshotContent Content);
