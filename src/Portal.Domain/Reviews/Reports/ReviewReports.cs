using Portal.Domain.Reviews.Queries;
using Portal.Domain.Security;

namespace Portal.Domain.Reviews.Reports;

/// <summary>Puts a review's report together (for the printable page and the Markdown export).</summary>
public sealed class ReviewReports(ReviewQueries queries, ReviewComparisons comparisons)
{
    /// <summary>
    /// The report of <paramref name="quarter"/>'s review (its latest closed revision when closed); null when there is no
    /// such review. While it is open, "what changed" compares with now and counts missed action items from
    /// <paramref name="viewerToday"/> (the page's viewer), or from today in UTC when not given (the Markdown export).
    /// </summary>
    public async Task<ReviewReport?> GetAsync(string quarter, Actor? viewer = null, DateOnly? viewerToday = null, CancellationToken ct = default)
    {
        var review = await queries.GetAsync(quarter, viewer, ct);
        if (review is null)
        {
            return null;
        }

        var content = await queries.ContentAsync(review.Quarter, null, ct);
        if (content is null)
        {
            return null;
        }

        // The previous closed review, compared with this one's record, or with now while this one is open.
        var changes = review.PreviousQuarter is { } previous
            ? await comparisons.CompareAsync(previous, content.Live ? ReviewComparisons.Now : review.Quarter, viewerToday, ct)
            : null;
        return new ReviewReport(review, content, changes);
    }

    /// <summary>The report as Markdown; null when there is no such review.</summary>
    public async Task<string?> MarkdownAsync(string quarter, CancellationToken ct = default)
    {
        var report = await GetAsync(quarter, null, null, ct);
        return report is null ? null : ReviewMarkdown.Write(report.Content.Content, report.Content.Live, report.Changes);
    }
}
