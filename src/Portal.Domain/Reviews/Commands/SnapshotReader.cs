using System.Data;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Debt.Queries;
using Portal.Domain.Graph;
using Portal.Domain.Persistence;
using Portal.Domain.Reviews.Queries;
using Portal.Domain.Reviews.Snapshots;
using Portal.Domain.Scorecards;
using Portal.Domain.Scorecards.Records;
using Portal.Domain.Signals;

namespace Portal.Domain.Reviews.Commands;

/// <summary>
/// Reads everything a review freezes, inside one read transaction (a consistent view on both providers that
/// does not block writers), and turns it into snapshot rows and content. Service evidence is read a thousand services
/// at a time and compressed on <c>parallelism</c> cores (every core when not given); only the compressed
/// rows are kept.
/// </summary>
internal sealed class SnapshotReader(ScorecardFramework framework, GraphAnalysisResult analysis, IReadOnlyList<OpenDebtItem> debt, DateTime now, int? parallelism = null)
{
    /// <summary>Debt items kept in full in a snapshot.</summary>
    public const int TopDebt = 20;

    /// <summary>
    /// Reads the review's scope. With <paramref name="details"/> every service's results, answers and exemptions are
    /// read and packed (closing); without, only stored levels are read (an open review's live view).
    /// </summary>
    public Task<(List<ReviewSnapshotService> Rows, SnapshotContent Content, List<string> Keys)> ReadAsync(
        PortalDbContext db, Review review, Guid snapshotId, string closedBy, bool details, Func<string, int, int, Task> progress, CancellationToken ct) =>
        // PostgreSQL's retrying strategy runs a user transaction only as one retriable unit; a retry reads everything again.
        db.Database.CreateExecutionStrategy().ExecuteAsync(token => ReadOnceAsync(db, review, snapshotId, closedBy, details, progress, token), ct);

    private async Task<(List<ReviewSnapshotService> Rows, SnapshotContent Content, List<string> Keys)> ReadOnceAsync(
        PortalDbContext db, Review review, Guid snapshotId, string closedBy, bool details, Func<string, int, int, Task> progress, CancellationToken ct)
    {
        // ReadUncommitted is SQLite's deferred BEGIN (a WAL read snapshot that lets writers go on); PostgreSQL gets a repeatable read.
        await using var transaction = await db.Database.BeginTransactionAsync(db.IsSqlite ? IsolationLevel.ReadUncommitted : IsolationLevel.RepeatableRead, ct);
        var teams = await ReviewData.TeamsAsync(db, ct);
        var services = await ReviewData.ServicesAsync(db, review.ScopeTeamIds, teams, null, ct);
        var criteria = ReviewData.Criteria(framework);
        var keys = criteria.Select(c => c.Key).ToList();
        var ids = services.Select(s => s.Id).ToHashSet();
        var answers = (await db.ScorecardAnswers.AsNoTracking().ToListAsync(ct)).Where(a => ids.Contains(a.ServiceId)).ToLookup(a => a.ServiceId);
        var exemptions = (await db.ScorecardExemptions.AsNoTracking()
                .Where(e => e.Status == ExemptionStatus.Approved || e.Status == ExemptionStatus.Requested).ToListAsync(ct))
            .Where(e => ids.Contains(e.ServiceId)).ToLookup(e => e.ServiceId);

        var rows = new List<ReviewSnapshotService>(services.Count);
        if (details)
        {
            // A thousand services at a time: read their scorecards, then build and compress their rows in parallel
            // (packing each service's evidence is most of a close's work; the web process leaves a core to the pages).
            await progress("Reading scorecards", 0, services.Count);
            foreach (var chunk in services.Chunk(1_000))
            {
                var records = await ReviewData.ScorecardsAsync(db, chunk, ct);
                var built = new ReviewSnapshotService[chunk.Length];
                Parallel.For(0, chunk.Length, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = parallelism ?? -1 }, i =>
                {
                    var s = chunk[i];
                    built[i] = Row(snapshotId, s, records.GetValueOrDefault(s.Id), keys, answers[s.Id], exemptions[s.Id]);
                });
                rows.AddRange(built);
                await progress("Reading scorecards", rows.Count, services.Count);
            }
        }
        else
        {
            var levels = await ReviewData.LevelsAsync(db, services, ct);
            var flagged = (await db.ServiceScorecards.AsNoTracking().Where(r => r.Flagged > 0).Select(r => new { r.ServiceId, r.Flagged }).ToListAsync(ct))
                .ToDictionary(r => r.ServiceId, r => r.Flagged);
            rows.AddRange(services.Select(s => new ReviewSnapshotService(
                snapshotId, s.Id, s.Ref, s.DisplayName, s.Team, s.TeamName, s.Tier,
                levels.TryGetValue(s.Id, out var l) ? l.Overall : ScoreLevel.None, levels.TryGetValue(s.Id, out var d) ? d.Levels : "0000000",
                "", 0, flagged.GetValueOrDefault(s.Id), 0, [])));
        }

        var quarter = review.ParsedQuarter;
        var readiness = ReadinessCalculator.Compute(
            new ReadinessInputs(
                framework, services, new Dictionary<string, string>(),
                [.. answers.SelectMany(g => g).Select(a => (a.ServiceId, a.CriterionKey, a.ExpiresAt))],
                [.. exemptions.SelectMany(g => g).Where(e => e.Status == ExemptionStatus.Approved).Select(e => (e.ServiceId, e.CriterionKey, e.EndsOn, e.Reason))],
                rows.Where(r => r.Flagged > 0).ToDictionary(r => r.ServiceId, r => r.Flagged)),
            now,
            quarter).Totals;
        var byRef = rows.ToDictionary(r => r.Service, StringComparer.Ordinal);
        var (snapshotDebt, debtByTeam) = await DebtAsync(db, services, ct);
        var notes = await db.ReviewNotes.AsNoTracking().Where(n => n.ReviewId == review.Id).OrderBy(n => n.CreatedAt).ToListAsync(ct);
        var items = await db.ActionItems.AsNoTracking().Where(a => a.ReviewId == review.Id).OrderBy(a => a.DueOn).ThenBy(a => a.CreatedAt).ToListAsync(ct);
        var previous = await db.ReviewSnapshots.AsNoTracking()
            .Where(s => s.Complete && s.ReviewId != review.Id && string.Compare(s.Quarter, review.Quarter) < 0)
            .OrderByDescending(s => s.Quarter).ThenByDescending(s => s.Revision).Select(s => new { s.ReviewId, s.Quarter }).FirstOrDefaultAsync(ct);
        var previousItems = previous is null ? [] : await db.ActionItems.AsNoTracking().Where(a => a.ReviewId == previous.ReviewId).OrderBy(a => a.DueOn).ToListAsync(ct);
        var serviceRefs = await ServiceRefsAsync(db, items.Concat(previousItems).Select(a => a.ServiceId), services, ct);
        var initiatives = await InitiativesAsync(db, teams, ids, ct);
        await transaction.CommitAsync(ct);

        var content = new SnapshotContent(
            SnapshotContent.CurrentFormat,
            review.Quarter,
            review.Revision,
            review.Title,
            now,
            closedBy,
            new SnapshotScope(review.IsOrganisation, [.. review.ScopeTeamIds.Where(teams.ContainsKey).Select(id => new SnapshotTeamName(teams[id].Ref, teams[id].Name))]),
            new SnapshotFramework(framework.Version, criteria),
            SnapshotRollup.Of(rows.Select(r => (r.Levels, r.Overall))),
            [
                .. rows.Where(r => r.Team is not null).GroupBy(r => r.Team!, StringComparer.Ordinal)
                    .Select(g => new SnapshotTeam(
                        g.Key, g.First().TeamName ?? g.Key, SnapshotRollup.Of(g.Select(r => (r.Levels, r.Overall))),
                        debtByTeam.TryGetValue(g.Key, out var d) ? d.Count : 0, d?.Sum(i => i.CostOfDelay) ?? 0))
                    .OrderByDescending(t => t.Levels.Services).ThenBy(t => t.Name, StringComparer.Ordinal),
            ],
            readiness,
            snapshotDebt,
            ScopeFindings.Touching(analysis, byRef.ContainsKey),
            [.. notes.Select(n => new SnapshotNote(n.Id, n.Kind, n.Text, n.Signal, n.TeamId is { } t && teams.TryGetValue(t, out var team) ? team.Name : null, n.CreatedByName, n.CreatedAt))],
            [.. items.Select(a => ActionItems.ToSnapshot(a, teams, serviceRefs, byRef.Values))],
            [.. previousItems.Select(a => ActionItems.ToSnapshot(a, teams, serviceRefs, byRef.Values))],
            previous?.Quarter,
            initiatives);
        return (rows, content, keys);
    }

    private static ReviewSnapshotService Row(
        Guid snapshotId, ScopeService s, ServiceScorecardRecord? record, List<string> keys, IEnumerable<SelfAssessment> answers, IEnumerable<Exemption> exemptions)
    {
        var results = record?.Results ?? [];
        var detail = new SnapshotServiceDetail(
            [.. results.Select(r => new SnapshotResult(r.Criterion, r.Status, r.Evidence, r.EvaluatedAt, r.DataAsOf, r.Flagged, r.FlagReason, r.Upcoming, r.StatusWithoutExemption))],
            [.. answers.OrderBy(a => a.CriterionKey, StringComparer.Ordinal).Select(a => new SnapshotAnswer(a.CriterionKey, a.Maturity, a.Note, a.EvidenceUrl, a.AnsweredByName, a.AnsweredAt, a.ExpiresAt))],
            [.. exemptions.OrderBy(e => e.CriterionKey, StringComparer.Ordinal).Select(e => new SnapshotExemption(e.CriterionKey, e.Reason, e.EndsOn, e.Status, e.RequestedByName, e.DecidedByName))]);
        return new ReviewSnapshotService(
            snapshotId, s.Id, s.Ref, s.DisplayName, s.Team, s.TeamName, s.Tier,
            record?.Overall ?? ScoreLevel.None,
            record is null ? "0000000" : LevelDigits.Of(record.Levels()),
            SnapshotStatuses.Encode(keys, results),
            record?.Failing ?? 0, record?.Flagged ?? 0, record?.Exempt ?? 0,
            SnapshotCodec.Pack(detail));
    }

    private async Task<(SnapshotDebt Debt, Dictionary<string, List<OpenDebtItem>> ByTeam)> DebtAsync(PortalDbContext db, List<ScopeService> services, CancellationToken ct)
    {
        var scope = services.ToDictionary(s => s.Id);
        var byTeam = new Dictionary<string, List<OpenDebtItem>>(StringComparer.Ordinal);
        var costBySignal = new double[ScalingSignals.All.Count];
        foreach (var item in debt)
        {
            costBySignal[LevelDigits.Index(item.Signal)] += item.CostOfDelay;
            foreach (var team in item.ServiceIds.Where(scope.ContainsKey).Select(id => scope[id].Team).OfType<string>().Distinct(StringComparer.Ordinal))
            {
                (byTeam.TryGetValue(team, out var list) ? list : byTeam[team] = []).Add(item);
            }
        }

        var top = debt.Take(TopDebt).ToList();
        var refs = await ServiceRefsAsync(db, top.SelectMany(i => i.ServiceIds).Select(id => (Guid?)id), services, ct);
        var snapshot = new SnapshotDebt(
            debt.Count,
            debt.Sum(i => i.CostOfDelay),
            costBySignal,
            [.. top.Select(i => new SnapshotDebtItem(i.Id, i.Title, i.Signal, i.Status, i.CostOfDelay, i.Priority, i.EffortDays, i.OwnerTeam, [.. i.ServiceIds.Select(id => refs.GetValueOrDefault(id, "?")).Order(StringComparer.Ordinal)]))]);
        return (snapshot, byTeam);
    }

    /// <summary>References of services by id: those in scope from memory, the few others from the database.</summary>
    private static async Task<Dictionary<Guid, string>> ServiceRefsAsync(PortalDbContext db, IEnumerable<Guid?> ids, List<ScopeService> services, CancellationToken ct)
    {
        var known = services.ToDictionary(s => s.Id, s => s.Ref);
        var missing = ids.OfType<Guid>().Where(id => !known.ContainsKey(id)).Distinct().ToList();
        if (missing.Count > 0)
        {
            foreach (var s in await db.Services.AsNoTracking().Where(s => missing.Contains(s.Id)).Select(s => new { s.Id, s.Namespace, s.Name }).ToListAsync(ct))
            {
                known[s.Id] = EntityRef.Format(s.Namespace, s.Name);
            }
        }

        return known;
    }

    private static async Task<List<SnapshotInitiative>> InitiativesAsync(PortalDbContext db, Dictionary<Guid, TeamInfo> teams, HashSet<Guid> inScope, CancellationToken ct)
    {
        var active = await db.Initiatives.AsNoTracking().Where(i => i.Status == InitiativeStatus.Active).OrderBy(i => i.DueOn).ToListAsync(ct);
        if (active.Count == 0)
        {
            return [];
        }

        // Two reads whatever the number of initiatives: every service once, every stored level once.
        var all = await ReviewData.ServicesAsync(db, [], teams, null, ct);
        var levels = await ReviewData.LevelsAsync(db, all, ct);
        var result = new List<SnapshotInitiative>();
        foreach (var i in active)
        {
            var services = ReviewData.Covered(i.ScopeTeamIds, i.MaxTier, all, teams);
            if (!services.Any(s => inScope.Contains(s.Id)))
            {
                continue;
            }

            var met = services.Count(s => levels.TryGetValue(s.Id, out var l) && LevelDigits.Level(l.Levels, i.Signal) >= i.TargetLevel);
            result.Add(new SnapshotInitiative(
                i.Id, i.Title, i.Signal, i.TargetLevel, teams.TryGetValue(i.OwnerTeamId, out var owner) ? owner.Name : "?", i.DueOn, i.Status, met, services.Count));
        }

        return result;
    }
}
