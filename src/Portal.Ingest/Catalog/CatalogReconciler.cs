using Microsoft.EntityFrameworkCore;
using Portal.Domain.Auditing;
using Portal.Domain.Persistence;
using Portal.Domain.Security;
using Portal.Ingest.Backstage;

namespace Portal.Ingest.Catalog;

/// <summary>
/// The one path that writes the catalog. Every source (a file import from the command line, an upload or
/// the API; a GitHub sync's catalog files, repositories without one, teams and members; the demo company)
/// hands it a <see cref="CatalogBatch"/> of parsed entities, and it alone decides what is created, updated,
/// orphaned or refused, and records where each record came from (Backstage's processing loop: many
/// providers, one stitcher). The rules are described on <see cref="ReconcileRun"/>.
/// </summary>
public sealed class CatalogReconciler(IDbContextFactory<PortalDbContext> dbFactory)
{
    private const int MaxAuditKeyLength = 300;

    /// <summary>
    /// New rows written per intermediate save. Saving 100,000 rows at once makes EF build a command for every
    /// row before the first is sent (hundreds of megabytes); batches keep that to one batch's worth.
    /// </summary>
    internal int BatchSize { get; init; } = 5_000;

    /// <summary>
    /// Applies <paramref name="batch"/> in one transaction and records one summary audit entry
    /// (<paramref name="auditAction"/>, by <paramref name="initiator"/>) besides the entry of every record written.
    /// </summary>
    public Task<ImportReport> ReconcileAsync(CatalogBatch batch, Actor initiator, string auditAction, CancellationToken ct) =>
        RunAsync(batch, new Run(initiator, auditAction, DryRun: false, Expected: null), ct);

    /// <summary>
    /// A dry run: reconciles <paramref name="batch"/> exactly as <see cref="ReconcileAsync"/> would, inside a transaction
    /// that is rolled back, and reports what it would do (<see cref="ImportReport.Applied"/> false). Nothing is written,
    /// not even an audit entry.
    /// </summary>
    public Task<ImportReport> PreviewAsync(CatalogBatch batch, CancellationToken ct) =>
        RunAsync(batch, new Run(Actor.System, "", DryRun: true, Expected: null), ct);

    /// <summary>
    /// Applies <paramref name="batch"/> only if that does exactly what <paramref name="preview"/> (from
    /// <see cref="PreviewAsync"/>) showed, record by record. When the catalog changed in between, nothing is written
    /// and the report says what applying now would do, with <see cref="ImportReport.ChangedSincePreview"/> set.
    /// </summary>
    public Task<ImportReport> ApplyPreviewedAsync(CatalogBatch batch, ImportReport preview, Actor initiator, string auditAction, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(preview);
        return RunAsync(batch, new Run(initiator, auditAction, DryRun: false, Expected: preview), ct);
    }

    private async Task<ImportReport> RunAsync(CatalogBatch batch, Run run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(run.Initiator);

        // All or nothing: the batches and the last save share one transaction, committed at the very end.
        // With a retrying execution strategy (PostgreSQL) the whole unit is what is retried, on a fresh context.
        // REVIEW: on SQLite this holds the write lock for the whole run (seconds at 30,000 entities).
        await using var probe = await dbFactory.CreateDbContextAsync(ct);
        return await probe.Database.CreateExecutionStrategy().ExecuteAsync(
            (Batch: batch, Run: run),
            (_, state, token) => WriteAsync(state.Batch, state.Run, token),
            null,
            ct);
    }

    private async Task<ImportReport> WriteAsync(CatalogBatch batch, Run mode, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        // Tens of thousands of tracked records: scanning them all for changes on every Add, Entries or
        // SaveChanges call costs seconds each time. Changes to stored records are detected once, just
        // before the last save; new rows need no detection and are written in batches as they are added.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var catalog = await StoredCatalog.LoadAsync(db, ct);
        var run = new ReconcileRun(db, catalog, batch, BatchSize);
        await run.ExecuteAsync(ct);
        var report = run.Report();

        // A preview, or an apply that would not do what its preview showed: everything the run did is rolled back.
        if (mode.DryRun || (mode.Expected is { } expected && !SameChanges(expected, report)))
        {
            await transaction.RollbackAsync(ct);
            return report with { Applied = false, ChangedSincePreview = !mode.DryRun };
        }

        // New rows not written yet (the last batch) go first, then the run's summary entry after the entries of its records.
        await run.FlushAsync(ct);
        AuditLog.Record(db, mode.Initiator, mode.AuditAction, "catalog", AuditKey(batch.Scope), null, Summary(report, batch.Read));

        // One pass over every tracked record; SaveChanges (and its version bump) then trusts it.
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return report;
    }

    /// <summary>Whether two runs did the same to every record and found the same problems.</summary>
    private static bool SameChanges(ImportReport expected, ImportReport actual) =>
        expected.Records.Select(r => r.Signature).SequenceEqual(actual.Records.Select(r => r.Signature), StringComparer.Ordinal)
        && expected.Problems.Select(p => p.ToString()).SequenceEqual(actual.Problems.Select(p => p.ToString()), StringComparer.Ordinal);

    /// <summary>The audit key for a scope: the end of it when it is longer than the column.</summary>
    public static string AuditKey(string scope) =>
        scope.Length <= MaxAuditKeyLength ? scope : "…" + scope[^(MaxAuditKeyLength - 1)..];

    private static object Summary(ImportReport report, CatalogReadResult read) => new
    {
        report.Scope,
        Files = read.FilesRead.Count,
        Kinds = report.Kinds.ToDictionary(
            k => k.Key,
            k => new { k.Value.Created, k.Value.Updated, k.Value.Unchanged, k.Value.Rejected, k.Value.Orphaned }),
        Errors = report.Errors.Count(),
        Notices = report.Notices.Count(),
    };

    private sealed record Run(Actor Initiator, string AuditAction, bool DryRun, ImportReport? Expected);
}
