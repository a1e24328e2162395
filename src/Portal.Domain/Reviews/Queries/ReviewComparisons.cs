using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Debt;
using Portal.Domain.Persistence;
using Portal.Domain.Reviews.Comparison;
using Portal.Domain.Reviews.Snapshots;
using Portal.Domain.Scorecards;
using Portal.Domain.Scorecards.Evaluation;

namespace Portal.Domain.Reviews.Queries;

/// <summary>
/// Loads two sides and compares them (<see cref="ReviewComparison"/>): two closed reviews, or a closed review with
/// now (today's scorecards over the same scope). A closed side reads only the compact level and status columns.
/// </summary>
public sealed class ReviewComparisons(IDbContextFactory<PortalDbContext> dbFactory, ScorecardEvaluation evaluation, FrameworkStore frameworks, TimeProvider clock)
{
    /// <summary>What "to" is called when it is today's data.</summary>
    public const string Now = "now";

    /// <summary>
    /// Compares the closed review of <paramref name="from"/> with the closed review of <paramref name="to"/>, or with now
    /// when <paramref name="to"/> is empty or "now". Throws <see cref="DomainValidationException"/> naming the parameter
    /// when a quarter is malformed, has no closed review, or the order is wrong.
    /// </summary>
    public Task<ComparisonResult> CompareAsync(string? from, string? to, CancellationToken ct = default) => CompareAsync(from, to, null, ct);

    /// <summary>
    /// As <see cref="CompareAsync(string?, string?, CancellationToken)"/>; with now, whether an action item was missed is
    /// counted from <paramref name="viewerToday"/> (today where the viewer is, as the pages pass it) rather than today in
    /// UTC (the API). A day further than one from UTC's today is nobody's today (no zone is more than 14 hours from UTC)
    /// and is moved to the nearest that can be. Two closed reviews count from the later one's closing day either way.
    /// </summary>
    public async Task<ComparisonResult> CompareAsync(string? from, string? to, DateOnly? viewerToday, CancellationToken ct = default)
    {
        var fromQuarter = Quarter.Parse(from ?? "", "from");
        var toNow = string.IsNullOrWhiteSpace(to) || string.Equals(to.Trim(), Now, StringComparison.OrdinalIgnoreCase);
        Quarter? toQuarter = toNow ? null : Quarter.Parse(to!, "to");
        if (toQuarter is { } tq && tq.CompareTo(fromQuarter) <= 0)
        {
            throw new DomainValidationException("to", $"{tq} is not after {fromQuarter}: compare an earlier review with a later one");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (fromSide, _, fromReview) = await ClosedSideAsync(db, fromQuarter, "from", ct);
        ComparisonSide toSide;
        IReadOnlyList<SnapshotActionItem> earlierItems;
        DateOnly laterDay;
        var items = await db.ActionItems.AsNoTracking().Where(a => a.ReviewId == fromReview.Id).OrderBy(a => a.DueOn).ThenBy(a => a.CreatedAt).ToListAsync(ct);
        var teams = await ReviewData.TeamsAsync(db, ct);
        var refs = await ServiceRefsAsync(db, items, ct);
        if (toQuarter is { } later)
        {
            var (side, content, _) = await ClosedSideAsync(db, later, "to", ct);
            toSide = side;
            laterDay = DateOnly.FromDateTime(side.At);

            // The later record knows what became of these items when it closed; otherwise read them as they stood that day.
            earlierItems = content.PreviousQuarter == fromQuarter.ToString()
                ? content.PreviousActionItems
                : [.. items.Select(a => AsOf(ActionItems.ToSnapshot(a, teams, refs, []), laterDay))];
        }
        else
        {
            await evaluation.RefreshAsync(ct);
            var framework = await frameworks.CurrentAsync(ct);
            var criteria = ReviewData.Criteria(framework);
            var services = await ReviewData.ServicesAsync(db, fromReview.ScopeTeamIds, teams, null, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            toSide = new ComparisonSide(Now, null, now, framework.Version, criteria, await ReviewData.StatesAsync(db, services, [.. criteria.Select(c => c.Key)], ct));
            laterDay = ViewersDay(DateOnly.FromDateTime(now), viewerToday);
            earlierItems = [.. items.Select(a => ActionItems.ToSnapshot(a, teams, refs, []))];
        }

        return ReviewComparison.Compare(fromSide, toSide, earlierItems, laterDay);
    }

    /// <summary>The latest closed revision of a quarter's review, as a side; throws naming <paramref name="field"/> when there is none.</summary>
    private static async Task<(ComparisonSide Side, SnapshotContent Content, Review Review)> ClosedSideAsync(PortalDbContext db, Quarter quarter, string field, CancellationToken ct)
    {
        var key = quarter.ToString();
        var review = await db.Reviews.AsNoTracking().FirstOrDefaultAsync(r => r.Quarter == key, ct)
            ?? throw new DomainValidationException(field, $"there is no review of {key}");
        var snapshot = await db.ReviewSnapshots.AsNoTracking().Where(s => s.ReviewId == review.Id && s.Complete).OrderByDescending(s => s.Revision)
            .Select(s => new { s.Id, s.TakenAt, s.FrameworkVersion, s.Content }).FirstOrDefaultAsync(ct)
            ?? throw new DomainValidationException(field, $"the review of {key} has not been closed yet: only closed reviews can be compared");
        var content = SnapshotCodec.Unpack<SnapshotContent>(snapshot.Content);
        var services = await db.ReviewSnapshotServices.AsNoTracking().Where(s => s.SnapshotId == snapshot.Id)
            .Select(s => new ServiceState(s.Service, s.DisplayName, s.Team, s.TeamName, s.Tier, s.Overall, s.Levels, s.Statuses))
            .ToListAsync(ct);
        return (new ComparisonSide(key, key, snapshot.TakenAt, snapshot.FrameworkVersion, content.Framework.Criteria, services), content, review);
    }

    /// <summary>The viewer's today, kept within a day of <paramref name="utcToday"/>; UTC's today when not given.</summary>
    private static DateOnly ViewersDay(DateOnly utcToday, DateOnly? viewerToday) => viewerToday switch
    {
        null => utcToday,
        { } day when day < utcToday.AddDays(-1) => utcToday.AddDays(-1),
        { } day when day > utcToday.AddDays(1) => utcToday.AddDays(1),
        { } day => day,
    };

    /// <summary>An item as it stood on <paramref name="day"/>: done or dropped later than that counts as still open then.</summary>
    private static SnapshotActionItem AsOf(SnapshotActionItem item, DateOnly day) =>
        item.ClosedOn is { } closed && closed > day ? item with { Status = ActionItemStatus.Open, ClosedOn = null, StatusNote = null } : item;

    private static async Task<Dictionary<Guid, string>> ServiceRefsAsync(PortalDbContext db, List<ActionItem> items, CancellationToken ct)
    {
        var ids = items.Where(a => a.ServiceId is not null).Select(a => a.ServiceId!.Value).Distinct().ToList();
        return ids.Count == 0
            ? []
            : (await db.Services.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Namespace, s.Name }).ToListAsync(ct))
                .ToDictionary(s => s.Id, s => EntityRef.Format(s.Namespace, s.Name));
    }
}
