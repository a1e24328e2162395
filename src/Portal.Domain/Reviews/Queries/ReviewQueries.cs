using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Queries;
using Portal.Domain.Graph.Queries;
using Portal.Domain.Persistence;
using Portal.Domain.Reviews.Commands;
using Portal.Domain.Reviews.Snapshots;
using Portal.Domain.Scorecards;
using Portal.Domain.Security;
using Portal.Domain.Scorecards.Evaluation;

namespace Portal.Domain.Reviews.Queries;

/// <summary>
/// Reads reviews for pages and the API: the list, one review with what was recorded, what it looked at (the frozen
/// record when closed, the same computed live when open), readiness, and the services of a closed record.
/// </summary>
public sealed class ReviewQueries(
    IDbContextFactory<PortalDbContext> dbFactory, ScorecardEvaluation evaluation, FrameworkStore frameworks, GraphService graphs, OpenDebtReader debt, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Every review, newest quarter first.</summary>
    public async Task<IReadOnlyList<ReviewSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var reviews = await db.Reviews.AsNoTracking().OrderByDescending(r => r.Quarter).ToListAsync(ct);
        var teams = await ReviewData.TeamsAsync(db, ct);
        var items = (await db.ActionItems.AsNoTracking().Select(a => new { a.ReviewId, a.Status }).ToListAsync(ct)).ToLookup(a => a.ReviewId);
        return
        [
            .. reviews.Select(r => new ReviewSummary(
                r.Quarter, r.Title, r.Status, r.Revision, Scope(r, teams).Describe(), r.ClosedAt, items[r.Id].Count(), items[r.Id].Count(a => a.Status == ActionItemStatus.Open))),
        ];
    }

    /// <summary>Every team, by display name: what scope and owner pickers offer.</summary>
    public async Task<IReadOnlyList<TeamInfo>> TeamsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return [.. (await ReviewData.TeamsAsync(db, ct)).Values.OrderBy(t => t.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>One review, or null when there is none for that quarter. <paramref name="viewer"/> decides what it may do.</summary>
    public async Task<ReviewView?> GetAsync(string quarter, Actor? viewer = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = Quarter.TryParse(quarter, out var q) ? q.ToString() : quarter;
        var review = await db.Reviews.AsNoTracking().FirstOrDefaultAsync(r => r.Quarter == key, ct);
        if (review is null)
        {
            return null;
        }

        var teams = await ReviewData.TeamsAsync(db, ct);
        var run = await db.ReviewClosings.AsNoTracking().Where(c => c.ReviewId == review.Id && c.Revision == review.Revision)
            .OrderByDescending(c => c.RequestedAt).FirstOrDefaultAsync(ct);
        var revisions = await db.ReviewSnapshots.AsNoTracking().Where(s => s.ReviewId == review.Id && s.Complete).OrderByDescending(s => s.Revision)
            .Select(s => new SnapshotInfo(s.Id, s.Revision, s.TakenAt, s.ClosedBy, s.Services, s.FrameworkVersion)).ToListAsync(ct);
        var notes = await db.ReviewNotes.AsNoTracking().Where(n => n.ReviewId == review.Id).OrderBy(n => n.CreatedAt).ToListAsync(ct);
        var previous = await db.Reviews.AsNoTracking().Where(r => r.Status == ReviewStatus.Closed && string.Compare(r.Quarter, review.Quarter) < 0)
            .OrderByDescending(r => r.Quarter).Select(r => new { r.Id, r.Quarter }).FirstOrDefaultAsync(ct);
        var now = Now;
        var today = DateOnly.FromDateTime(now);
        var items = await ActionItemsAsync(db, teams, [review.Id], today, ct);
        var previousItems = previous is null ? [] : await ActionItemsAsync(db, teams, [previous.Id], today, ct);
        var expanded = await ReviewCommands.ExpandedScopeAsync(db, review.ScopeTeamIds, ct);
        return new ReviewView(
            review.Id, review.Quarter, review.Title, review.Status, review.Revision, Scope(review, teams), review.CreatedBy, review.CreatedAt,
            review.ClosedAt, review.ClosedBy, review.ReopenedBy, review.ReopenedAt, review.ReopenReason, review.Version,
            run is null ? null : new ReviewClosingDto(run.Status, run.Phase, run.Done, run.Total, run.RequestedByName, run.RequestedAt, run.FinishedAt, run.Error, run.IsStaleAt(now)),
            revisions,
            [.. notes.Select(n => new NoteDto(n.Id, n.Kind, n.Text, n.Signal, n.TeamId is { } t && teams.TryGetValue(t, out var team) ? team.Ref : null,
                n.TeamId is { } t2 && teams.TryGetValue(t2, out var team2) ? team2.Name : null, n.CreatedByName, n.CreatedAt, n.Version,
                viewer is not null && ReviewPermissions.MayChangeNote(viewer, n.TeamId, n.CreatedBy)))],
            items,
            previous?.Quarter,
            previousItems,
            viewer is not null && ReviewPermissions.MayRun(viewer, expanded),
            viewer is { IsAdmin: true } && review.Status == ReviewStatus.Closed);
    }

    /// <summary>
    /// What the review looked at: the frozen record of <paramref name="revision"/> (default the latest closed one) when
    /// the review is closed or a revision is asked for; otherwise computed live. Null when there is no such review or revision.
    /// </summary>
    public async Task<ReviewContent?> ContentAsync(string quarter, int? revision = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = Quarter.TryParse(quarter, out var q) ? q.ToString() : quarter;
        var review = await db.Reviews.AsNoTracking().FirstOrDefaultAsync(r => r.Quarter == key, ct);
        if (review is null)
        {
            return null;
        }

        if (revision is not null || review.Status == ReviewStatus.Closed)
        {
            var snapshot = await db.ReviewSnapshots.AsNoTracking()
                .Where(s => s.ReviewId == review.Id && s.Complete && (revision == null || s.Revision == revision))
                .OrderByDescending(s => s.Revision).Select(s => new { s.Id, s.Content }).FirstOrDefaultAsync(ct);
            return snapshot is null ? null : new ReviewContent(SnapshotCodec.Unpack<SnapshotContent>(snapshot.Content), false, snapshot.Id);
        }

        await evaluation.RefreshAsync(ct);
        var framework = await frameworks.CurrentAsync(ct);
        var analysis = (await graphs.CurrentAsync(ct)).Analysis;
        var scope = review.IsOrganisation ? null : (await ReviewData.ServicesAsync(db, review.ScopeTeamIds, await ReviewData.TeamsAsync(db, ct), null, ct)).Select(s => s.Id).ToList();
        var openDebt = await debt.AffectingAsync(scope, ct);
        var (_, content, _) = await new SnapshotReader(framework, analysis, openDebt, Now)
            .ReadAsync(db, review, Guid.Empty, "", details: false, (_, _, _) => Task.CompletedTask, ct);
        return new ReviewContent(content, true, null);
    }

    /// <summary>Who still has to answer before the review, per team, with what; null when there is no such review.</summary>
    public async Task<ReviewReadiness?> ReadinessAsync(string quarter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = Quarter.TryParse(quarter, out var q) ? q.ToString() : quarter;
        var review = await db.Reviews.AsNoTracking().FirstOrDefaultAsync(r => r.Quarter == key, ct);
        if (review is null)
        {
            return null;
        }

        await evaluation.RefreshAsync(ct);
        var framework = await frameworks.CurrentAsync(ct);
        var teams = await ReviewData.TeamsAsync(db, ct);
        var services = await ReviewData.ServicesAsync(db, review.ScopeTeamIds, teams, null, ct);
        return ReadinessCalculator.Compute(await ReviewData.ReadinessInputsAsync(db, framework, services, teams, ct), Now, review.ParsedQuarter);
    }

    /// <summary>A page of the services a closed revision froze (default the latest), optionally of one team; weakest first.</summary>
    public async Task<Page<SnapshotServiceRow>> SnapshotServicesAsync(Guid snapshotId, string? team, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = db.ReviewSnapshotServices.AsNoTracking().Where(s => s.SnapshotId == snapshotId);
        if (!string.IsNullOrWhiteSpace(team))
        {
            rows = rows.Where(s => s.Team == team);
        }

        var total = await rows.CountAsync(ct);
        var items = await rows.OrderBy(s => s.Overall).ThenBy(s => s.Tier).ThenByDescending(s => s.Failing).ThenBy(s => s.Service)
            .Skip(Paging.Offset(page, pageSize)).Take(pageSize)
            .Select(s => new SnapshotServiceRow(s.Service, s.DisplayName, s.Team, s.TeamName, s.Tier, s.Overall, s.Levels, s.Failing, s.Flagged, s.Exempt))
            .ToListAsync(ct);
        return new Page<SnapshotServiceRow>(items, total, page, pageSize);
    }

    /// <summary>One service exactly as a closed revision (default the latest) froze it; null when it was not in that record.</summary>
    public async Task<SnapshotServiceView?> SnapshotServiceAsync(string quarter, string serviceRef, int? revision = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = Quarter.TryParse(quarter, out var q) ? q.ToString() : quarter;
        var snapshot = await db.ReviewSnapshots.AsNoTracking()
            .Where(s => s.Quarter == key && s.Complete && (revision == null || s.Revision == revision))
            .OrderByDescending(s => s.Revision).FirstOrDefaultAsync(ct);
        if (snapshot is null)
        {
            return null;
        }

        var row = await db.ReviewSnapshotServices.AsNoTracking().FirstOrDefaultAsync(s => s.SnapshotId == snapshot.Id && s.Service == serviceRef.Trim(), ct);
        if (row is null)
        {
            return null;
        }

        var content = SnapshotCodec.Unpack<SnapshotContent>(snapshot.Content);
        return new SnapshotServiceView(
            snapshot.Quarter, snapshot.Revision,
            new SnapshotServiceRow(row.Service, row.DisplayName, row.Team, row.TeamName, row.Tier, row.Overall, row.Levels, row.Failing, row.Flagged, row.Exempt),
            content.Framework.Criteria,
            SnapshotCodec.Unpack<SnapshotServiceDetail>(row.Detail));
    }

    /// <summary>One action item, live (as the review page shows it), or null when there is none; used to grow it into an initiative.</summary>
    public async Task<ActionItemDto?> ActionItemAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var reviewId = await db.ActionItems.AsNoTracking().Where(a => a.Id == id).Select(a => (Guid?)a.ReviewId).FirstOrDefaultAsync(ct);
        if (reviewId is not { } review)
        {
            return null;
        }

        var teams = await ReviewData.TeamsAsync(db, ct);
        var items = await ActionItemsAsync(db, teams, [review], DateOnly.FromDateTime(Now), ct);
        return items.FirstOrDefault(a => a.Id == id);
    }

    /// <summary>Action items of these reviews, live, with their targets counted from today's scorecards.</summary>
    internal static async Task<List<ActionItemDto>> ActionItemsAsync(
        PortalDbContext db, Dictionary<Guid, TeamInfo> teams, IReadOnlyCollection<Guid> reviewIds, DateOnly today, CancellationToken ct)
    {
        var items = await db.ActionItems.AsNoTracking().Where(a => reviewIds.Contains(a.ReviewId)).OrderBy(a => a.DueOn).ThenBy(a => a.CreatedAt).ToListAsync(ct);
        if (items.Count == 0)
        {
            return [];
        }

        var quarters = await db.Reviews.AsNoTracking().Where(r => reviewIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Quarter, ct);
        var targetTeams = items.Where(a => a.TargetLevel is not null).Select(a => (Guid?)a.OwnerTeamId).Distinct().ToList();
        var named = items.Where(a => a.ServiceId is not null).Select(a => a.ServiceId!.Value).Distinct().ToList();
        var services = await db.Services.AsNoTracking().Where(s => targetTeams.Contains(s.OwnerTeamId) || named.Contains(s.Id))
            .Select(s => new { s.Id, s.Namespace, s.Name, s.Title, s.OwnerTeamId, s.Tier }).ToListAsync(ct);
        var scope = services.Select(s => new ScopeService(s.Id, EntityRef.Format(s.Namespace, s.Name), s.Title ?? s.Name, s.OwnerTeamId, null, null, s.Tier)).ToList();
        var levels = await ReviewData.LevelsAsync(db, scope, ct);
        return [.. items.Select(a => ToDto(a, quarters.GetValueOrDefault(a.ReviewId, "?"), teams, scope, levels, today))];
    }

    private static ActionItemDto ToDto(
        ActionItem a, string quarter, Dictionary<Guid, TeamInfo> teams, List<ScopeService> services, Dictionary<Guid, (ScoreLevel Overall, string Levels)> levels, DateOnly today)
    {
        var team = teams.GetValueOrDefault(a.OwnerTeamId);
        var service = a.ServiceId is { } sid ? services.FirstOrDefault(s => s.Id == sid) : null;
        int? met = null;
        var total = 0;
        if (a.Signal is { } signal && a.TargetLevel is { } level)
        {
            var targets = services.Where(s => a.ServiceId is { } one ? s.Id == one : s.TeamId == a.OwnerTeamId).ToList();
            total = targets.Count;
            met = targets.Count(s => levels.TryGetValue(s.Id, out var l) && LevelDigits.Level(l.Levels, signal) >= level);
        }

        return new ActionItemDto(
            a.Id, quarter, a.Title, a.Description, team?.Ref, team?.Name ?? "(team gone)", a.DueOn, a.Signal, a.TargetLevel, service?.Ref, service?.DisplayName,
            a.Status, a.StatusNote, a.ClosedOn, a.IsMissedOn(today), met, total, a.DebtItemId, a.InitiativeId, a.Version, a.OwnerTeamId);
    }

    private static SnapshotScope Scope(Review review, Dictionary<Guid, TeamInfo> teams) =>
        new(review.IsOrganisation, [.. review.ScopeTeamIds.Where(teams.ContainsKey).Select(id => new SnapshotTeamName(teams[id].Ref, teams[id].Name))]);
}
