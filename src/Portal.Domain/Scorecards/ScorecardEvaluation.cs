using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Domain.Catalog;
using Portal.Domain.Graph.Queries;
using Portal.Domain.Persistence;
using Portal.Domain.Scorecards.Records;
using Portal.Domain.Signals;

namespace Portal.Domain.Scorecards;

/// <summary>
/// Evaluates services and stores their scorecards. Every pass computes in memory (the checks are pure and the graph
/// work is done once) and writes only the services whose results changed, so a re-evaluation after a small change
/// touches a handful of rows. An answer, exemption or pushed result re-evaluates its own service at once; a change
/// of the graph, the framework or the day makes <see cref="EnsureFreshAsync"/> run a full pass, which pages call
/// before reading and a recurring job calls every hour (GitHub evidence and rotations age without a graph change).
/// In one instance every pass runs under one lock, so a full pass never overwrites a fresher single-service result;
/// between instances (or against a Hangfire job elsewhere) a pass that loses the race on a row retries from what is
/// stored, and a page that only wanted fresh results reads the stored ones rather than fail.
/// </summary>
public sealed class ScorecardEvaluation(
    IDbContextFactory<PortalDbContext> dbFactory, GraphService graphs, FrameworkStore frameworks, ScorecardFactsLoader loader, TimeProvider clock,
    ILogger<ScorecardEvaluation>? logger = null)
{
    /// <summary>How many times a pass that lost a race against another writer starts again.</summary>
    internal const int Attempts = 3;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _running = new(1, 1);
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;
    private volatile ScorecardGraphCache? _graph;

    /// <summary>Today in UTC.</summary>
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>Runs a full pass when the graph, the framework or the day moved since the last one; otherwise nothing.</summary>
    public async Task<EvaluationRun?> EnsureFreshAsync(CancellationToken ct = default)
    {
        var framework = await frameworks.CurrentAsync(ct);
        var snapshot = await graphs.CurrentAsync(ct);
        if (await IsFreshAsync(framework.Version, snapshot.Version, ct))
        {
            return null;
        }

        await _running.WaitAsync(ct);
        try
        {
            return await IsFreshAsync(framework.Version, snapshot.Version, ct) ? null : await RunWithRetriesAsync(null, ct);
        }
        catch (DbUpdateException ex)
        {
            // Another instance kept winning the race: its results are stored and as fresh as ours would be.
            _logger.LogWarning(ex, "Scorecard evaluation lost {Attempts} races against another writer; pages read the stored results", Attempts);
            return null;
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>Evaluates every service now, whatever the state says.</summary>
    public async Task<EvaluationRun> EvaluateAllAsync(CancellationToken ct = default)
    {
        await _running.WaitAsync(ct);
        try
        {
            return await RunWithRetriesAsync(null, ct);
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>
    /// Evaluates these services only (after an answer, an exemption, a pushed result, an on-call or debt change),
    /// under the same lock as full passes. The change that asked for it is already saved: when another writer keeps
    /// winning the race the failure is logged, not thrown, and the next pass (at most an hour away) catches up.
    /// </summary>
    public async Task<EvaluationRun> EvaluateServicesAsync(IReadOnlyCollection<Guid> serviceIds, CancellationToken ct = default)
    {
        await _running.WaitAsync(ct);
        try
        {
            return await RunWithRetriesAsync(serviceIds, ct);
        }
        catch (DbUpdateException ex)
        {
            _logger.LogWarning(ex, "Scorecard evaluation of {Count} services lost {Attempts} races against another writer", serviceIds.Count, Attempts);
            return new EvaluationRun(0, 0, 0, 0, TimeSpan.Zero);
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>Evaluates one service in memory without storing it (previews, the benchmark's single scorecard).</summary>
    public async Task<ServiceScorecard?> PreviewAsync(Guid serviceId, CancellationToken ct = default)
    {
        var framework = await frameworks.CurrentAsync(ct);
        var graph = await GraphAsync(ct);
        var facts = await loader.LoadAsync([serviceId], ct);
        if (!facts.TryGetValue(serviceId, out var service))
        {
            return null;
        }

        var inputs = await InputsAsync([serviceId], ct);
        return ScorecardEvaluator.Evaluate(framework, service, graph.Graph, inputs.GetValueOrDefault(serviceId) ?? ServiceInputs.None, clock.GetUtcNow().UtcDateTime);
    }

    private async Task<bool> IsFreshAsync(int frameworkVersion, long graphVersion, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var state = await db.ScorecardStates.AsNoTracking().FirstOrDefaultAsync(s => s.Id == ScorecardState.SingletonId, ct);
        return state is not null && state.FrameworkVersion == frameworkVersion && state.GraphVersion == graphVersion && state.EvaluatedOn == Today;
    }

    /// <summary>
    /// Runs a pass; when another writer changed a row between our read and our write (a unique index on a first
    /// insert, a row gone under an update) the pass starts again from what is stored now.
    /// </summary>
    private async Task<EvaluationRun> RunWithRetriesAsync(IReadOnlyCollection<Guid>? serviceIds, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RunAsync(serviceIds, ct);
            }
            catch (DbUpdateException ex) when (attempt < Attempts)
            {
                _logger.LogInformation(ex, "Scorecard evaluation attempt {Attempt} lost a race against another writer; starting again", attempt);
            }
        }
    }

    private async Task<EvaluationRun> RunAsync(IReadOnlyCollection<Guid>? serviceIds, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var framework = await frameworks.CurrentAsync(ct);
        var graph = await GraphAsync(ct);
        var facts = await loader.LoadAsync(serviceIds, ct);
        var inputs = await InputsAsync(serviceIds, ct);

        await using var db = await dbFactory.CreateDbContextAsync(ct);

        // Thousands of rows are marked by hand below, so change detection over all of them is skipped; the few
        // rows changed through their setters (the state, today's history) are marked Modified explicitly.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var ids = facts.Keys.ToList();
        var stored = new Dictionary<Guid, (string Fingerprint, int Version)>();
        foreach (var chunk in ids.Chunk(1_000))
        {
            foreach (var row in await db.ServiceScorecards.AsNoTracking().Where(r => chunk.Contains(r.ServiceId))
                         .Select(r => new { r.ServiceId, r.Fingerprint, r.FrameworkVersion }).ToListAsync(ct))
            {
                stored[row.ServiceId] = (row.Fingerprint, row.FrameworkVersion);
            }
        }

        var changed = new List<(Guid Id, ServiceScorecard Card)>();
        foreach (var (id, service) in facts)
        {
            var card = ScorecardEvaluator.Evaluate(framework, service, graph.Graph, inputs.GetValueOrDefault(id) ?? ServiceInputs.None, now);
            var fingerprint = Fingerprint(card);
            var exists = stored.TryGetValue(id, out var old);
            if (exists && old.Fingerprint == fingerprint && old.Version == card.FrameworkVersion)
            {
                continue;
            }

            var record = new ServiceScorecardRecord(id);
            record.Record(card, fingerprint);
            if (exists)
            {
                db.ServiceScorecards.Update(record);
            }
            else
            {
                db.ServiceScorecards.Add(record);
            }

            changed.Add((id, card));
        }

        await RecordHistoryAsync(db, changed, today, ct);
        if (serviceIds is null)
        {
            var state = await db.ScorecardStates.FirstOrDefaultAsync(s => s.Id == ScorecardState.SingletonId, ct);
            if (state is null)
            {
                state = new ScorecardState();
                db.ScorecardStates.Add(state);
            }

            state.FrameworkVersion = framework.Version;
            state.GraphVersion = graph.Version;
            state.EvaluatedOn = today;
            state.EvaluatedAt = now;
            state.Services = facts.Count;
            state.Changed = changed.Count;
            db.Entry(state).DetectChanges();
        }

        await db.SaveChangesAsync(ct);
        return new EvaluationRun(facts.Count, changed.Count, framework.Version, graph.Version, watch.Elapsed);
    }

    private static async Task RecordHistoryAsync(PortalDbContext db, List<(Guid Id, ServiceScorecard Card)> changed, DateOnly today, CancellationToken ct)
    {
        var todays = new Dictionary<Guid, LevelHistoryRecord>();
        var latest = new Dictionary<Guid, string>();
        foreach (var chunk in changed.Select(c => c.Id).Chunk(1_000))
        {
            foreach (var row in await db.ScorecardLevelHistory.Where(h => chunk.Contains(h.ServiceId) && h.Day == today).ToListAsync(ct))
            {
                todays[row.ServiceId] = row;
            }

            // The last row before today per service: its day first (a plain GROUP BY), then that row.
            var lastDays = await db.ScorecardLevelHistory.AsNoTracking().Where(h => chunk.Contains(h.ServiceId) && h.Day < today)
                .GroupBy(h => h.ServiceId).Select(g => new { g.Key, Day = g.Max(h => h.Day) }).ToDictionaryAsync(g => g.Key, g => g.Day, ct);
            if (lastDays.Count > 0)
            {
                var earliest = lastDays.Values.Min();
                var rows = await db.ScorecardLevelHistory.AsNoTracking().Where(h => chunk.Contains(h.ServiceId) && h.Day >= earliest && h.Day < today)
                    .Select(h => new { h.ServiceId, h.Day, h.Levels, h.Overall }).ToListAsync(ct);
                foreach (var row in rows.Where(r => lastDays[r.ServiceId] == r.Day))
                {
                    latest[row.ServiceId] = row.Overall + ":" + row.Levels;
                }
            }
        }

        foreach (var (id, card) in changed)
        {
            var levels = LevelDigits(card.Levels);
            if (todays.TryGetValue(id, out var row))
            {
                row.Update(card.Overall, levels);
                db.Entry(row).DetectChanges();
            }
            else if (!latest.TryGetValue(id, out var before) || before != card.Overall + ":" + levels)
            {
                db.ScorecardLevelHistory.Add(new LevelHistoryRecord(id, today, card.Overall, levels));
            }
        }
    }

    /// <summary>Levels per signal as digits in signal order, e.g. <c>1203011</c>.</summary>
    internal static string LevelDigits(IReadOnlyDictionary<ScalingSignal, ScoreLevel> levels) =>
        string.Concat(ScalingSignals.All.Select(s => (char)('0' + (int)levels.GetValueOrDefault(s))));

    private static string Fingerprint(ServiceScorecard card)
    {
        var stable = card.Results.Select(r => r with { EvaluatedAt = default }).ToList();
        var bytes = JsonSerializer.SerializeToUtf8Bytes(stable, Json);
        return Convert.ToHexString(SHA256.HashData(bytes));
    }

    private async Task<Dictionary<Guid, ServiceInputs>> InputsAsync(IReadOnlyCollection<Guid>? serviceIds, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var answers = db.ScorecardAnswers.AsNoTracking();
        var exemptions = db.ScorecardExemptions.AsNoTracking().Where(e => e.Status == ExemptionStatus.Approved);
        var pushed = db.ScorecardPushedResults.AsNoTracking();
        if (serviceIds is not null)
        {
            answers = answers.Where(a => serviceIds.Contains(a.ServiceId));
            exemptions = exemptions.Where(e => serviceIds.Contains(e.ServiceId));
            pushed = pushed.Where(p => serviceIds.Contains(p.ServiceId));
        }

        var a = (await answers.ToListAsync(ct)).ToLookup(x => x.ServiceId);
        var e = (await exemptions.ToListAsync(ct)).ToLookup(x => x.ServiceId);
        var p = (await pushed.ToListAsync(ct)).ToLookup(x => x.ServiceId);
        var result = new Dictionary<Guid, ServiceInputs>();
        foreach (var id in a.Select(g => g.Key).Concat(e.Select(g => g.Key)).Concat(p.Select(g => g.Key)).Distinct())
        {
            result[id] = new ServiceInputs([.. a[id].Select(x => x.ToAnswer())], [.. e[id].Select(x => x.ToGrant())], [.. p[id].Select(x => x.ToResult())]);
        }

        return result;
    }

    /// <summary>The graph prepared for scorecards, built once per graph version.</summary>
    private async Task<ScorecardGraphCache> GraphAsync(CancellationToken ct)
    {
        var snapshot = await graphs.CurrentAsync(ct);
        if (_graph is { } cached && cached.Version == snapshot.Version)
        {
            return cached;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lifecycles = (await db.Services.AsNoTracking().Where(s => s.Lifecycle != Lifecycle.Production)
                .Select(s => new { s.Namespace, s.Name, s.Lifecycle }).ToListAsync(ct))
            .ToDictionary(s => GraphService.ServiceRef(s.Namespace, s.Name), s => s.Lifecycle, StringComparer.Ordinal);
        var built = new ScorecardGraphCache(snapshot.Version, new ScorecardGraph(snapshot.Graph, lifecycles));
        _graph = built;
        return built;
    }

    private sealed record ScorecardGraphCache(long Version, ScorecardGraph Graph);
}
