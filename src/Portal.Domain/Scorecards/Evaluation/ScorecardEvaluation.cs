using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Domain.Catalog;
using Portal.Domain.Graph.Queries;
using Portal.Domain.Persistence;
using Portal.Domain.Scorecards.Records;

namespace Portal.Domain.Scorecards.Evaluation;

/// <summary>
/// Evaluates services and stores their scorecards. Every pass computes in memory (the checks are pure and the graph
/// work is done once) and writes only the services whose results changed, so a re-evaluation after a small change
/// touches a handful of rows. An answer, exemption, pushed result or rotation change re-evaluates its own services at
/// once. A change of the graph (a service, dependency or team edited) makes <see cref="EnsureFreshAsync(CancellationToken)"/>, which pages
/// call before reading, evaluate only the services the change touches (<see cref="ScorecardImpact"/>: facts that
/// differ from the last pass's, and everything the graph checks read around a changed node); a change of the framework
/// or the day, or a first pass in this instance, makes it a full pass. A recurring job runs a full pass every hour
/// (GitHub evidence, memberships and expiring answers age without a graph change).
/// In one instance every pass runs under one lock, so a full pass never overwrites a fresher single-service result;
/// between instances (or against a Hangfire job elsewhere) a pass that loses the race on a row retries from what is
/// stored, and a page that only wanted fresh results reads the stored ones rather than fail.
/// </summary>
public sealed partial class ScorecardEvaluation(
    IDbContextFactory<PortalDbContext> dbFactory, GraphService graphs, FrameworkStore frameworks, ScorecardFactsLoader loader, TimeProvider clock,
    ILogger<ScorecardEvaluation>? logger = null) : IDisposable
{
    /// <summary>How many times a pass that lost a race against another writer starts again.</summary>
    internal const int Attempts = 3;

    /// <summary>
    /// Catalogs of up to this many services are brought up to date inside a read (a full pass over them takes a small
    /// fraction of a second); larger ones are read as stored while a full pass runs in the background.
    /// </summary>
    public const int DefaultInlineLimit = 500;

    private readonly SemaphoreSlim _running = new(1, 1);
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;
    private volatile ScorecardGraphCache? _graph;
    private PassBasis? _basis;
    private readonly Lock _backgroundGate = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _background = Task.CompletedTask;

    /// <summary>Raised after a full pass in this instance stored its results, so pages showing stored results can reload.</summary>
    public event Action<EvaluationRun>? Evaluated;

    /// <summary>The largest catalog a read brings up to date itself; tests lower it to exercise the background path.</summary>
    internal int InlineLimit { get; set; } = DefaultInlineLimit;

    /// <summary>The lock every pass runs under; tests hold it to stand for another pass.</summary>
    internal SemaphoreSlim PassLock => _running;

    /// <summary>The background pass started last; completed when none runs.</summary>
    internal Task BackgroundPass
    {
        get
        {
            lock (_backgroundGate)
            {
                return _background;
            }
        }
    }

    /// <summary>Today in UTC.</summary>
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// For pages and the API: never makes a read wait for a full pass over a large catalog. When the graph, the framework
    /// or the day moved since the last pass, a catalog of up to <see cref="DefaultInlineLimit"/> services is evaluated
    /// now; a larger one keeps its stored results and a full pass starts in the background (one at a time per instance,
    /// <see cref="Evaluated"/> fires when it ends; the hourly job catches up whatever another instance missed).
    /// </summary>
    public async Task<ScorecardFreshness> RefreshAsync(CancellationToken ct = default)
    {
        var framework = await frameworks.CurrentAsync(ct);
        var snapshot = await graphs.CurrentAsync(ct);
        var state = await StateAsync(ct);
        if (IsFresh(state, framework.Version, snapshot.Version))
        {
            return new ScorecardFreshness(true, state!.EvaluatedAt, false);
        }

        var services = state is { Services: > 0 } ? state.Services : await CountServicesAsync(ct);
        if (services > InlineLimit)
        {
            StartBackgroundPass();
            return new ScorecardFreshness(false, state?.EvaluatedAt, true);
        }

        await EnsureFreshAsync(ct);
        var after = await StateAsync(ct);
        return new ScorecardFreshness(IsFresh(after, framework.Version, snapshot.Version), after?.EvaluatedAt, false);
    }

    /// <summary>Stops a background pass at shutdown.</summary>
    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    /// <summary>
    /// Brings the stored scorecards up to date when the graph, the framework or the day moved since the last pass;
    /// otherwise nothing. After a graph change only, the services it touches are evaluated (see the class summary).
    /// </summary>
    public Task<EvaluationRun?> EnsureFreshAsync(CancellationToken ct = default) => EnsureFreshAsync(0, ct);

    /// <summary>
    /// <see cref="EnsureFreshAsync(CancellationToken)"/> on at most <paramref name="parallelism"/> cores (0 for every
    /// core): a review close inside the web process leaves a core to the pages.
    /// </summary>
    public async Task<EvaluationRun?> EnsureFreshAsync(int parallelism, CancellationToken ct)
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
            return await IsFreshAsync(framework.Version, snapshot.Version, ct) ? null : await RunWithRetriesAsync(null, true, parallelism, ct);
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
            return await RunWithRetriesAsync(null, false, 0, ct);
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
            return await RunWithRetriesAsync(serviceIds, false, 0, ct);
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

        var inputs = await ServiceInputsLoader.LoadAsync(dbFactory, [serviceId], ct);
        return ScorecardEvaluator.Evaluate(framework, service, graph.Graph, inputs.GetValueOrDefault(serviceId) ?? ServiceInputs.None, clock.GetUtcNow().UtcDateTime);
    }

    private async Task<bool> IsFreshAsync(int frameworkVersion, long graphVersion, CancellationToken ct) =>
        IsFresh(await StateAsync(ct), frameworkVersion, graphVersion);

    private bool IsFresh(ScorecardState? state, int frameworkVersion, long graphVersion) =>
        state is not null && state.FrameworkVersion == frameworkVersion && state.GraphVersion == graphVersion && state.EvaluatedOn == Today;

    private async Task<ScorecardState?> StateAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ScorecardStates.AsNoTracking().FirstOrDefaultAsync(s => s.Id == ScorecardState.SingletonId, ct);
    }

    private async Task<int> CountServicesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Services.CountAsync(ct);
    }

    private void StartBackgroundPass()
    {
        lock (_backgroundGate)
        {
            if (_background.IsCompleted)
            {
                var stopping = _stopping.Token;
                _background = Task.Run(() => BackgroundPassAsync(stopping), stopping);
            }
        }
    }

    private async Task BackgroundPassAsync(CancellationToken ct)
    {
        try
        {
            await EnsureFreshAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: the next start (or the hourly job) evaluates again.
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Background scorecard evaluation failed; pages keep showing the stored results and the hourly job tries again");
        }
    }

    /// <summary>
    /// Runs a pass; when another writer changed a row between our read and our write (a unique index on a first
    /// insert, a row gone under an update) the pass starts again from what is stored now.
    /// </summary>
    private async Task<EvaluationRun> RunWithRetriesAsync(IReadOnlyCollection<Guid>? serviceIds, bool touchedOnly, int parallelism, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RunAsync(serviceIds, touchedOnly, parallelism, ct);
            }
            catch (DbUpdateException ex) when (attempt < Attempts)
            {
                _logger.LogInformation(ex, "Scorecard evaluation attempt {Attempt} lost a race against another writer; starting again", attempt);
            }
        }
    }

    /// <param name="serviceIds">The services to evaluate; null for every service (a pass that records the state).</param>
    /// <param name="touchedOnly">With every service: evaluate only those a change touched since this instance's last pass, when that pass is what is stored.</param>
    /// <param name="parallelism">Cores to evaluate on; 0 for every core.</param>
    /// <param name="ct">Cancels the pass.</param>
    private async Task<EvaluationRun> RunAsync(IReadOnlyCollection<Guid>? serviceIds, bool touchedOnly, int parallelism, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var timings = new EvaluationTimings();
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var framework = await frameworks.CurrentAsync(ct);
        timings.EndPhase("load framework");
        var graph = await GraphAsync(ct);
        timings.EndPhase("load graph and prepare it (ScorecardGraph)");
        var facts = await loader.LoadAsync(serviceIds, ct);
        timings.EndPhase("load facts");
        var inputs = await ServiceInputsLoader.LoadAsync(dbFactory, serviceIds, ct);
        timings.EndPhase("load answers, exemptions, pushed results");
        var evaluate = serviceIds is null && touchedOnly && await BasisAsync(framework.Version, today, ct) is { } basis
            ? Touched(basis, graph.Graph, facts)
            : facts;
        timings.EndPhase("find the services a change touched");

        await using var db = await dbFactory.CreateDbContextAsync(ct);

        // Scorecards and new history rows are written set-based; the few rows changed through their setters (the
        // state, today's history) are marked Modified explicitly, so change detection over the context is skipped.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var stored = await ScorecardWriter.StoredAsync(db, serviceIds is null ? null : facts.Keys, ct);
        timings.EndPhase("load stored fingerprints");
        var changed = new List<(Guid Id, ServiceScorecard Card)>();
        var records = new List<ServiceScorecardRecord>();
        var replaced = new List<Guid>();
        var work = evaluate.ToArray();
        var (cards, fingerprints) = EvaluateOnEveryCore(framework, graph.Graph, inputs, work, now, timings, parallelism > 0 ? parallelism : Environment.ProcessorCount, ct);
        for (var i = 0; i < work.Length; i++)
        {
            var (id, card, fingerprint) = (work[i].Key, cards[i], fingerprints[i]);
            var exists = stored.TryGetValue(id, out var old);
            if (exists && old.Fingerprint == fingerprint && old.Version == card.FrameworkVersion)
            {
                continue;
            }

            var record = new ServiceScorecardRecord(id);
            record.Record(card, fingerprint);
            records.Add(record);
            if (exists)
            {
                replaced.Add(id);
            }

            changed.Add((id, card));
        }

        timings.EndPhase("compare, and collect changed rows");

        // One transaction, retried whole by the provider's execution strategy on a transient failure (each attempt
        // starts from an empty change tracker); a lost race surfaces as DbUpdateException and restarts the pass.
        ScorecardState? fresh = serviceIds is null
            ? new ScorecardState { FrameworkVersion = framework.Version, GraphVersion = graph.Version, EvaluatedOn = today, EvaluatedAt = now, Services = facts.Count, Changed = changed.Count }
            : null;
        await db.Database.CreateExecutionStrategy().ExecuteAsync(
            token => ScorecardWriter.WriteAsync(db, changed, records, replaced, fresh, today, timings, token), ct);
        if (serviceIds is null)
        {
            _basis = new PassBasis(framework.Version, graph.Version, today, now, graph.Graph, facts);
        }

        LogTimings(evaluate.Count, changed.Count, timings);
        var run = new EvaluationRun(evaluate.Count, changed.Count, framework.Version, graph.Version, watch.Elapsed, timings);
        if (serviceIds is null)
        {
            RaiseEvaluated(run);
        }

        return run;
    }

    private void RaiseEvaluated(EvaluationRun run)
    {
        foreach (var handler in Evaluated?.GetInvocationList() ?? [])
        {
            try
            {
                ((Action<EvaluationRun>)handler)(run);
            }
            catch (Exception ex)
            {
                // A page that went away must not fail the pass that already stored its results.
                _logger.LogWarning(ex, "A listener for finished scorecard evaluations failed");
            }
        }
    }

    private void LogTimings(int services, int changed, EvaluationTimings timings)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            _logger.LogDebug("Scorecard evaluation of {Services} services ({Changed} changed), where the time went: {Timings}", services, changed, string.Join("; ", timings.Lines()));
        }
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
