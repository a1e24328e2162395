using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Debt;
using Portal.Domain.Graph;
using Portal.Domain.Graph.Queries;
using Portal.Domain.Persistence;
using Portal.Domain.Scorecards.Records;
using Portal.Domain.Security;
using Portal.Domain.Signals;
using Portal.Domain.Scorecards.Commands;
using Portal.Domain.Scorecards.Evaluation;

namespace Portal.Domain.Scorecards.Queries;

/// <summary>
/// Reads stored scorecards for pages, the API and quarterly reviews: one service with next steps, a filtered page
/// of services, and roll-ups per team and for the organisation. Brings a small catalog's scorecards up to date first;
/// a large one's are read as stored while a background pass brings them up to date (see <see cref="FreshnessAsync"/>).
/// </summary>
public sealed class ScorecardQueries(
    IDbContextFactory<PortalDbContext> dbFactory, ScorecardEvaluation evaluation, FrameworkStore frameworks, GraphService graphs, TimeProvider clock)
{
    /// <summary>Answers expiring within this many days are listed on the overview.</summary>
    public const int ExpiringWithinDays = 30;

    /// <summary>
    /// How up to date the stored results are; when they are not, brings a small catalog up to date now and starts a
    /// background pass for a large one (pages show the stored results, say so, and reload when the pass ends).
    /// </summary>
    public Task<ScorecardFreshness> FreshnessAsync(CancellationToken ct = default) => evaluation.RefreshAsync(ct);

    /// <summary>
    /// One service's scorecard, or null when there is no such service. While a background pass brings the stored
    /// results up to date, this one service is evaluated on the spot (in memory) so its page is never stale.
    /// </summary>
    public async Task<ServiceScorecardView?> ServiceAsync(string serviceRef, CancellationToken ct = default)
    {
        var freshness = await evaluation.RefreshAsync(ct);
        var (ns, name) = EntityRef.Parse(serviceRef.Trim());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var service = await db.Services.AsNoTracking().Where(s => s.Namespace == ns && s.Name == name)
            .Select(s => new { s.Id, s.Namespace, s.Name, s.Title, s.Tier, s.OwnerTeamId, Team = s.OwnerTeam == null ? null : new { s.OwnerTeam.Namespace, s.OwnerTeam.Name, s.OwnerTeam.Title } })
            .FirstOrDefaultAsync(ct);
        if (service is null)
        {
            return null;
        }

        var live = freshness.IsFresh ? null : await evaluation.PreviewAsync(service.Id, ct);
        var record = live is not null ? null : await db.ServiceScorecards.AsNoTracking().FirstOrDefaultAsync(r => r.ServiceId == service.Id, ct);
        if (live is null && record is null)
        {
            await evaluation.EvaluateServicesAsync([service.Id], ct);
            record = await db.ServiceScorecards.AsNoTracking().FirstAsync(r => r.ServiceId == service.Id, ct);
        }

        var reference = EntityRef.Format(service.Namespace, service.Name);
        var card = live ?? new ServiceScorecard(reference, record!.FrameworkVersion, record.EvaluatedAt, record.Results, record.Levels(), record.Overall);
        var framework = await frameworks.VersionAsync(card.FrameworkVersion, ct) ?? await frameworks.CurrentAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var answers = await db.ScorecardAnswers.AsNoTracking().Where(a => a.ServiceId == service.Id).ToListAsync(ct);
        var exemptions = await db.ScorecardExemptions.AsNoTracking().Where(e => e.ServiceId == service.Id).OrderByDescending(e => e.RequestedAt).ToListAsync(ct);
        var snapshot = await graphs.CurrentAsync(ct);
        var blast = snapshot.Graph.TryGetIndex(reference, out var node) ? GraphAnalysis.BlastRadius(snapshot.Graph, node, take: 0).Count : 0;
        return new ServiceScorecardView(
            reference,
            service.Title ?? service.Name,
            service.Team is null ? null : EntityRef.Format(service.Team.Namespace, service.Team.Name),
            service.Team is null ? null : service.Team.Title ?? service.Team.Name,
            service.OwnerTeamId,
            service.Tier,
            framework,
            card.EvaluatedAt,
            card.Levels,
            card.Overall,
            card.Results,
            [.. answers.Select(a => ToDto(a, card.Results.FirstOrDefault(r => r.Criterion == a.CriterionKey), now))],
            [.. exemptions.Select(e => ToDto(e, reference, today))],
            NextSteps.For(card, framework, blast),
            blast);
    }

    /// <summary>
    /// The debt items logged from this service's criteria (by their finding key), keyed by criterion: the scorecard
    /// shows each on its criterion instead of offering to log it again.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, DebtItemRef>> DebtItemsAsync(string serviceRef, CancellationToken ct = default)
    {
        var prefix = CriterionDebtDraft.ServicePrefix(serviceRef.Trim());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var items = await db.DebtItems.AsNoTracking().Where(i => i.FindingKey != null && i.FindingKey.StartsWith(prefix))
            .Select(i => new { i.FindingKey, i.Id, i.Title, i.Status, i.CreatedAt }).ToListAsync(ct);
        return items.OrderBy(i => i.Status is DebtStatus.Done or DebtStatus.WontFix).ThenByDescending(i => i.CreatedAt)
            .GroupBy(i => i.FindingKey![prefix.Length..], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new DebtItemRef(g.First().Id, g.First().Title, g.First().Status), StringComparer.Ordinal);
    }

    /// <summary>
    /// The requests among <paramref name="exemptions"/> that <paramref name="who"/> may not approve or reject, by the
    /// same four-eyes rule the command applies (<see cref="ExemptionFourEyes"/>): a page offers the buttons only where the
    /// decision would be accepted. Requests already decided are left out.
    /// </summary>
    public async Task<IReadOnlySet<Guid>> UndecidableByAsync(Actor who, IEnumerable<ExemptionDto> exemptions, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(who);
        var requested = exemptions.Where(e => e.Status == ExemptionStatus.Requested).ToList();
        var refused = new HashSet<Guid>();
        if (requested.Count == 0)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var decider = await ExemptionFourEyes.DeciderNamesAsync(db, who, ct);
        foreach (var e in requested)
        {
            if (!await ExemptionFourEyes.MayDecideAsync(db, e.RequestedByLogin, e.RequestedByAlso, who, decider, ct))
            {
                refused.Add(e.Id);
            }
        }

        return refused;
    }

    /// <summary>A page of services' scorecards, filtered in SQL, weakest and most critical first.</summary>
    public async Task<Page<ScorecardSummaryDto>> ListAsync(ScorecardListQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await evaluation.RefreshAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = db.ServiceScorecards.AsNoTracking().Join(db.Services.AsNoTracking(), r => r.ServiceId, s => s.Id, (r, s) => new { r, s });
        if (!string.IsNullOrWhiteSpace(query.Team))
        {
            var (tns, tname) = EntityRef.Parse(query.Team.Trim());
            rows = rows.Where(x => x.s.OwnerTeam != null && x.s.OwnerTeam.Namespace == tns && x.s.OwnerTeam.Name == tname);
        }

        if (query.Level is { } level)
        {
            rows = query.Signal switch
            {
                ScalingSignal.Coordination => rows.Where(x => x.r.Coordination == level),
                ScalingSignal.DataModel => rows.Where(x => x.r.DataModel == level),
                ScalingSignal.CascadingFailures => rows.Where(x => x.r.CascadingFailures == level),
                ScalingSignal.Observability => rows.Where(x => x.r.Observability == level),
                ScalingSignal.DeliveryPipeline => rows.Where(x => x.r.DeliveryPipeline == level),
                ScalingSignal.TeamTopology => rows.Where(x => x.r.TeamTopology == level),
                ScalingSignal.CompoundingShortcuts => rows.Where(x => x.r.CompoundingShortcuts == level),
                _ => rows.Where(x => x.r.Overall == level),
            };
        }

        var total = await rows.CountAsync(ct);
        var page = await rows.OrderBy(x => x.r.Overall).ThenBy(x => x.s.Tier).ThenByDescending(x => x.r.Failing).ThenBy(x => x.s.Name)
            .Skip(Paging.Offset(query.Page, query.PageSize)).Take(query.PageSize)
            .Select(x => new
            {
                x.s.Namespace, x.s.Name, x.s.Title, x.s.Tier,
                Team = x.s.OwnerTeam == null ? null : new { x.s.OwnerTeam.Namespace, x.s.OwnerTeam.Name, x.s.OwnerTeam.Title },
                x.r.Overall, x.r.Coordination, x.r.DataModel, x.r.CascadingFailures, x.r.Observability, x.r.DeliveryPipeline, x.r.TeamTopology, x.r.CompoundingShortcuts,
                x.r.Failing, x.r.Flagged, x.r.Exempt, x.r.EvaluatedAt,
            })
            .ToListAsync(ct);
        var items = page.Select(x => new ScorecardSummaryDto(
            EntityRef.Format(x.Namespace, x.Name), x.Title ?? x.Name,
            x.Team is null ? null : EntityRef.Format(x.Team.Namespace, x.Team.Name), x.Team is null ? null : x.Team.Title ?? x.Team.Name,
            x.Tier, x.Overall,
            Levels(x.Coordination, x.DataModel, x.CascadingFailures, x.Observability, x.DeliveryPipeline, x.TeamTopology, x.CompoundingShortcuts),
            x.Failing, x.Flagged, x.Exempt, x.EvaluatedAt)).ToList();
        return new Page<ScorecardSummaryDto>(items, total, query.Page, query.PageSize);
    }

    /// <summary>Every service's levels, for roll-ups (quarterly reviews snapshot these).</summary>
    public async Task<IReadOnlyList<ServiceLevels>> AllLevelsAsync(CancellationToken ct = default)
    {
        await evaluation.RefreshAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await LevelsAsync(db, ct);
    }

    /// <summary>Services per level for the organisation and per team (teams with their display names), without the rest of the overview.</summary>
    public async Task<(RollupGroup Organisation, IReadOnlyList<TeamRollup> Teams)> RollupAsync(CancellationToken ct = default)
    {
        await evaluation.RefreshAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var levels = await LevelsAsync(db, ct);
        var display = (await db.Teams.AsNoTracking().Select(t => new { t.Namespace, t.Name, t.Title }).ToListAsync(ct))
            .ToDictionary(t => EntityRef.Format(t.Namespace, t.Name), t => t.Title ?? t.Name, StringComparer.Ordinal);
        return (ScorecardRollup.ForOrganisation(levels), [.. ScorecardRollup.ByTeam(levels).Select(g => new TeamRollup(g.Key, display.GetValueOrDefault(g.Key, g.Key), g))]);
    }

    /// <summary>The organisation and every team at a glance.</summary>
    public async Task<ScorecardOverview> OverviewAsync(CancellationToken ct = default)
    {
        await evaluation.RefreshAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var levels = await LevelsAsync(db, ct);
        var teamNames = await db.Teams.AsNoTracking().Select(t => new { t.Namespace, t.Name, t.Title }).ToListAsync(ct);
        var display = teamNames.ToDictionary(t => EntityRef.Format(t.Namespace, t.Name), t => t.Title ?? t.Name, StringComparer.Ordinal);
        var teams = ScorecardRollup.ByTeam(levels).Select(g => new TeamRollup(g.Key, display.GetValueOrDefault(g.Key, g.Key), g)).ToList();
        var flagged = await db.ServiceScorecards.AsNoTracking().SumAsync(r => r.Flagged, ct);
        var exemptions = await db.ScorecardExemptions.AsNoTracking().Where(e => e.Status == ExemptionStatus.Approved || e.Status == ExemptionStatus.Requested)
            .Select(e => new { e.Status, e.EndsOn }).ToListAsync(ct);
        var framework = await frameworks.CurrentAsync(ct);
        var state = await db.ScorecardStates.AsNoTracking().FirstOrDefaultAsync(s => s.Id == ScorecardState.SingletonId, ct);
        var quarterStart = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1);
        var (improved, dropped) = await MoversAsync(db, levels, quarterStart, ct);
        return new ScorecardOverview(
            ScorecardRollup.ForOrganisation(levels),
            teams,
            flagged,
            exemptions.Count(e => e.Status == ExemptionStatus.Approved && (e.EndsOn is null || e.EndsOn >= today)),
            exemptions.Count(e => e.Status == ExemptionStatus.Requested),
            await ExpiringAsync(db, framework, now, ct),
            improved,
            dropped,
            quarterStart,
            framework.Version,
            state?.EvaluatedAt,
            await db.ScorecardAnswers.AsNoTracking().CountAsync(a => a.ExpiresAt <= now, ct),
            await ExpiredAsync(db, framework, now, ct));
    }

    /// <summary>Exemption requests waiting for an admin, oldest first.</summary>
    public async Task<IReadOnlyList<ExemptionDto>> PendingExemptionsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var rows = await db.ScorecardExemptions.AsNoTracking().Where(e => e.Status == ExemptionStatus.Requested).OrderBy(e => e.RequestedAt)
            .Join(db.Services.AsNoTracking(), e => e.ServiceId, s => s.Id, (e, s) => new { e, s.Namespace, s.Name }).Take(200).ToListAsync(ct);
        return [.. rows.Select(x => ToDto(x.e, EntityRef.Format(x.Namespace, x.Name), today))];
    }

    private static AnswerDto ToDto(SelfAssessment a, CriterionResult? result, DateTime now) =>
        new(a.CriterionKey, a.Maturity, a.Note, a.EvidenceUrl, a.AnsweredByName, a.AnsweredAt, a.ExpiresAt, now >= a.ExpiresAt, a.Version, result?.Flagged == true, result?.FlagReason);

    internal static ExemptionDto ToDto(Exemption e, string service, DateOnly today) =>
        new(e.Id, service, e.CriterionKey, e.Reason, e.EndsOn, e.Status, e.AppliesOn(today), e.RequestedByName, e.RequestedAt, e.DecidedByName, e.DecidedAt, e.DecisionNote, e.Version, e.RequestedBy, e.RequestedByAlso);

    private static async Task<List<ServiceLevels>> LevelsAsync(PortalDbContext db, CancellationToken ct)
    {
        var rows = await db.ServiceScorecards.AsNoTracking().Join(db.Services.AsNoTracking(), r => r.ServiceId, s => s.Id, (r, s) => new
        {
            s.Namespace, s.Name, s.Title, s.Tier,
            Team = s.OwnerTeam == null ? null : new { s.OwnerTeam.Namespace, s.OwnerTeam.Name },
            r.Overall, r.Coordination, r.DataModel, r.CascadingFailures, r.Observability, r.DeliveryPipeline, r.TeamTopology, r.CompoundingShortcuts,
        }).ToListAsync(ct);
        return
        [
            .. rows.Select(x => new ServiceLevels(
                EntityRef.Format(x.Namespace, x.Name), x.Title ?? x.Name, x.Team is null ? null : EntityRef.Format(x.Team.Namespace, x.Team.Name), x.Tier,
                Levels(x.Coordination, x.DataModel, x.CascadingFailures, x.Observability, x.DeliveryPipeline, x.TeamTopology, x.CompoundingShortcuts), x.Overall)),
        ];
    }

    /// <summary>Answers still counting that stop within <see cref="ExpiringWithinDays"/> days, soonest first.</summary>
    private static async Task<List<ExpiringAnswerDto>> ExpiringAsync(PortalDbContext db, ScorecardFramework framework, DateTime now, CancellationToken ct)
    {
        var until = now.AddDays(ExpiringWithinDays);
        var rows = await db.ScorecardAnswers.AsNoTracking().Where(a => a.ExpiresAt > now && a.ExpiresAt <= until).OrderBy(a => a.ExpiresAt).Take(50)
            .Join(db.Services.AsNoTracking(), a => a.ServiceId, s => s.Id, (a, s) => new { a.ServiceId, a.CriterionKey, a.ExpiresAt, s.Namespace, s.Name, s.Title })
            .ToListAsync(ct);
        // Flags live in the stored results; at most 50 services' worth are read.
        var ids = rows.Select(r => r.ServiceId).Distinct().ToList();
        var flagged = (await db.ServiceScorecards.AsNoTracking().Where(r => ids.Contains(r.ServiceId) && r.Flagged > 0).ToListAsync(ct))
            .SelectMany(r => r.Results.Where(x => x.Flagged).Select(x => (r.ServiceId, x.Criterion))).ToHashSet();
        return
        [
            .. rows.OrderBy(r => r.ExpiresAt).Select(r => AnswerDto(r.Namespace, r.Name, r.Title, r.CriterionKey, r.ExpiresAt, framework, now) with
            {
                Flagged = flagged.Contains((r.ServiceId, r.CriterionKey)),
            }),
        ];
    }

    /// <summary>Answers that already expired (they count as unknown until re-attested), most recently expired first.</summary>
    private static async Task<List<ExpiringAnswerDto>> ExpiredAsync(PortalDbContext db, ScorecardFramework framework, DateTime now, CancellationToken ct)
    {
        var rows = await db.ScorecardAnswers.AsNoTracking().Where(a => a.ExpiresAt <= now).OrderByDescending(a => a.ExpiresAt).Take(20)
            .Join(db.Services.AsNoTracking(), a => a.ServiceId, s => s.Id, (a, s) => new { a.CriterionKey, a.ExpiresAt, s.Namespace, s.Name, s.Title })
            .ToListAsync(ct);
        return [.. rows.OrderByDescending(r => r.ExpiresAt).Select(r => AnswerDto(r.Namespace, r.Name, r.Title, r.CriterionKey, r.ExpiresAt, framework, now))];
    }

    private static ExpiringAnswerDto AnswerDto(string ns, string name, string? title, string criterion, DateTime expiresAt, ScorecardFramework framework, DateTime now) =>
        new(EntityRef.Format(ns, name), title ?? name, criterion, framework.Find(criterion)?.Title ?? criterion, expiresAt, now >= expiresAt);

    private static async Task<(List<LevelChangeDto> Improved, List<LevelChangeDto> Dropped)> MoversAsync(
        PortalDbContext db, List<ServiceLevels> current, DateOnly quarterStart, CancellationToken ct)
    {
        // Baseline: each service's last history row on or before the first day of the quarter, picked in SQL (one row per
        // service however long the history is).
        var rows = await db.ScorecardLevelHistory.AsNoTracking()
            .Where(h => h.Day <= quarterStart
                && h.Day == db.ScorecardLevelHistory.Where(x => x.ServiceId == h.ServiceId && x.Day <= quarterStart).Max(x => x.Day))
            .Join(db.Services.AsNoTracking(), h => h.ServiceId, s => s.Id, (h, s) => new { h.Overall, h.Levels, s.Namespace, s.Name })
            .ToListAsync(ct);
        if (rows.Count == 0)
        {
            return ([], []);
        }

        var baseline = rows.ToDictionary(r => EntityRef.Format(r.Namespace, r.Name), StringComparer.Ordinal);
        var changes = new List<LevelChangeDto>();
        foreach (var s in current)
        {
            if (baseline.TryGetValue(s.Service, out var before))
            {
                var steps = ScalingSignals.All.Select((signal, i) => (int)s.Levels[signal] - (i < before.Levels.Length ? before.Levels[i] - '0' : 0)).Sum();
                if (steps != 0 || s.Overall != before.Overall)
                {
                    changes.Add(new LevelChangeDto(s.Service, s.DisplayName, s.Team, before.Overall, s.Overall, steps));
                }
            }
        }

        return (
            [.. changes.Where(c => c.SignalSteps > 0).OrderByDescending(c => c.SignalSteps).ThenBy(c => c.Service, StringComparer.Ordinal).Take(5)],
            [.. changes.Where(c => c.SignalSteps < 0).OrderBy(c => c.SignalSteps).ThenBy(c => c.Service, StringComparer.Ordinal).Take(5)]);
    }

    private static Dictionary<ScalingSignal, ScoreLevel> Levels(ScoreLevel c, ScoreLevel d, ScoreLevel f, ScoreLevel o, ScoreLevel p, ScoreLevel t, ScoreLevel s) => new()
    {
        [ScalingSignal.Coordination] = c,
        [ScalingSignal.DataModel] = d,
        [ScalingSignal.CascadingFailures] = f,
        [ScalingSignal.Observability] = o,
        [ScalingSignal.DeliveryPipeline] = p,
        [ScalingSignal.TeamTopology] = t,
        [ScalingSignal.CompoundingShortcuts] = s,
    };
}
