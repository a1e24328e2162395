using Portal.Domain.Reviews.Comparison;
using Portal.Domain.Reviews.Queries;

namespace Portal.Domain.Reviews.Reports;

/// <summary>Everything a review's report shows: the review, what it looked at, and what changed since the previous closed review.</summary>
/// <param name="Review">The review and what was recorded in it.</param>
/// <param name="Content">What it looked at: the frozen record when closed, today's numbers while open.</param>
/// <param name="Changes">The comparison with the previous closed review (with now while this one is open); null when there is none.</param>
public sealed record ReviewReport(ReviewView Review, ReviewContent Content, ComparisonResult? Changes);
