using Portal.Domain.Reviews;
using Portal.Domain.Reviews.Commands;
using Portal.Domain.Reviews.Queries;
using Portal.Domain.Reviews.Reports;
using Portal.Web.Auth;

namespace Portal.Web.Api.Reviews;

/// <summary><c>/api/v1/reviews</c>: quarterly scaling-readiness reviews, their close, report and comparison.</summary>
public static class ReviewsApi
{
    public static RouteGroupBuilder MapReviewsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/reviews", ListAsync).WithName("ListReviews").WithTags("Reviews")
            .WithSummary("Every review, newest quarter first: status (open|closing|closed), revision, scope, action items.");
        api.MapPost("/reviews", CreateAsync).WithName("CreateReview").WithTags("Reviews")
            .WithSummary("Create the review of a quarter (2026-Q4) for the organisation or a set of teams. Admins; editors for their own teams.");
        api.MapGet("/reviews/compare", CompareAsync).WithName("CompareReviews").WithTags("Reviews")
            .WithSummary("Compare two closed reviews (from=2026-Q3&to=2026-Q4), or a closed one with now (to omitted or to=now): per signal, team and service, and the earlier review's action items.");
        api.MapGet("/reviews/{quarter}", GetAsync).WithName("GetReview").WithTags("Reviews")
            .WithSummary("One review with what was recorded and what it looked at: the frozen record when closed, today's numbers while open.");
        api.MapPost("/reviews/{quarter}/close", CloseAsync).WithName("CloseReview").WithTags("Reviews")
            .WithSummary("Queue the close: a background job freezes the snapshot; 202 with the run, whose progress GET /reviews/{quarter} shows.");
        api.MapGet("/reviews/{quarter}/report.md", ReportAsync).WithName("GetReviewReportMarkdown").WithTags("Reviews")
            .WithSummary("The review's report as Markdown (text/markdown).");
        return api;
    }

    internal static async Task<IResult> ListAsync(ReviewQueries queries, CancellationToken ct) => Results.Ok(await queries.ListAsync(ct));

    internal static async Task<IResult> CreateAsync(ReviewRequest body, ReviewCommands commands, ActorResolver actors, HttpContext http, CancellationToken ct)
    {
        var actor = await actors.ResolveAsync(http.User, ct);
        var (_, quarter) = await commands.CreateAsync(actor, new ReviewInput(body.Quarter, body.Title, body.Teams), ct);
        return Results.Created($"/api/v1/reviews/{quarter}", new { quarter });
    }

    internal static async Task<IResult> GetAsync(string quarter, ReviewQueries queries, ActorResolver actors, HttpContext http, CancellationToken ct)
    {
        var actor = await actors.ResolveAsync(http.User, ct);
        var review = await queries.GetAsync(quarter, actor, ct);
        if (review is null)
        {
            return NotFound(quarter);
        }

        var content = await queries.ContentAsync(review.Quarter, null, ct);
        return content is null ? NotFound(quarter) : Results.Ok(new ReviewResponse(review, content.Live, content.Content));
    }

    internal static async Task<IResult> CloseAsync(string quarter, ReviewCommands commands, ActorResolver actors, HttpContext http, CancellationToken ct)
    {
        var actor = await actors.ResolveAsync(http.User, ct);
        var run = await commands.RequestCloseAsync(actor, quarter, ct);
        var key = Domain.Debt.Quarter.TryParse(quarter, out var q) ? q.ToString() : quarter;
        return Results.Accepted($"/api/v1/reviews/{key}", new CloseAccepted(key, run, nameof(ReviewStatus.Closing).ToLowerInvariant()));
    }

    internal static async Task<IResult> ReportAsync(string quarter, ReviewReports reports, CancellationToken ct)
    {
        var markdown = await reports.MarkdownAsync(quarter, ct);
        return markdown is null ? NotFound(quarter) : Results.Text(markdown, "text/markdown; charset=utf-8");
    }

    internal static async Task<IResult> CompareAsync(ReviewComparisons comparisons, CancellationToken ct, string? from = null, string? to = null)
    {
        if (string.IsNullOrWhiteSpace(from))
        {
            return ApiProblems.Invalid("from", "is required: the quarter of a closed review, e.g. 2026-Q3");
        }

        return Results.Ok(await comparisons.CompareAsync(from, to, ct));
    }

    private static IResult NotFound(string quarter) =>
        Results.Problem($"There is no review of '{quarter}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
