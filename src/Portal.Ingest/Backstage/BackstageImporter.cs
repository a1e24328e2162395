using Microsoft.EntityFrameworkCore;
using Portal.Domain.Auditing;
using Portal.Domain.Common;
using Portal.Domain.Persistence;
using Portal.Domain.Security;

namespace Portal.Ingest.Backstage;

/// <summary>
/// Imports a Backstage catalog (Component, API, Resource, System, Domain, Group, User, Location) into
/// Portal: upsert by kind + namespace + name, every write of one import in one SaveChanges, one audit
/// entry. Only admins may import: an import can hand any record to any team.
/// </summary>
/// <remarks>
/// Three phases: <see cref="BackstageCatalogReader"/> parses and validates every file; references are
/// then resolved against the files and the database (an owner that is not a group anywhere rejects the
/// entity); finally records are written, comparing before setting so an unchanged record is not
/// touched and keeps its version. Records of the same scope that are no longer in the files are
/// flagged orphaned, never deleted.
/// </remarks>
public sealed class BackstageImporter(IDbContextFactory<PortalDbContext> dbFactory)
{
    public const string AuditAction = "catalog.import";

    private const int MaxAuditKeyLength = 300;

    /// <summary>
    /// New rows written per intermediate save. Saving 100,000 rows at once makes EF build a command for
    /// every row before the first is sent (hundreds of megabytes); batches keep that to one batch's worth.
    /// </summary>
    internal int BatchSize { get; init; } = 5_000;

    /// <summary>How much YAML one file may hold; the defaults everywhere but in tests.</summary>
    internal YamlLimits Limits { get; init; } = YamlLimits.Default;

    /// <summary>
    /// Imports a file or a directory (every <c>*.yaml</c>/<c>*.yml</c> below it, hidden folders
    /// excepted), following Location targets relative to the file that names them. The path is the
    /// scope for orphans: records imported from under it before and missing now are flagged orphaned.
    /// </summary>
    public async Task<ImportReport> ImportAsync(string path, Actor actor, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(actor);
        await DemandAdminAsync(actor, path, ct);

        var full = Path.GetFullPath(path);
        string baseDirectory;
        string? orphanPrefix;
        List<string> files;
        if (Directory.Exists(full))
        {
            baseDirectory = full;
            orphanPrefix = ToScope(full);
            var options = new EnumerationOptions { RecurseSubdirectories = true, MatchType = MatchType.Simple };
            files = [.. Directory.EnumerateFiles(full, "*", options).Where(IsYaml).Order(StringComparer.Ordinal).Select(f => Path.GetRelativePath(full, f))];
        }
        else if (File.Exists(full))
        {
            // A single file's scope is the files read through it, not its whole folder: importing
            // one team's file must not orphan everything else imported from next to it.
            baseDirectory = Path.GetDirectoryName(full)!;
            orphanPrefix = null;
            files = [Path.GetFileName(full)];
        }
        else
        {
            throw new FileNotFoundException($"No catalog file or directory at '{path}'.", full);
        }

        // Files are read one at a time as the reader gets to them, not all up front.
        string? LoadFile(string relative)
        {
            var target = new FileInfo(Path.GetFullPath(Path.Combine(baseDirectory, relative)));
            if (!target.Exists)
            {
                return null;
            }

            // Refused before reading: a huge file must not be pulled into memory only to be rejected.
            return target.Length > Limits.MaxFileBytes ? throw new CatalogFileTooLargeException(target.Length) : File.ReadAllText(target.FullName);
        }

        return await ImportCoreAsync(() => BackstageCatalogReader.Read(files, LoadFile, canLoadOthers: true, Limits), ToScope(full), ToScope(baseDirectory), orphanPrefix, actor, ct);
    }

    /// <summary>
    /// Imports files held in memory (an upload, a request body). Paths are relative to
    /// <paramref name="scope"/>, which names the root: records imported under the same scope before
    /// and missing from <paramref name="files"/> now are flagged orphaned. Location targets are looked
    /// up among <paramref name="files"/> only.
    /// </summary>
    public async Task<ImportReport> ImportAsync(IReadOnlyList<CatalogFile> files, string scope, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        ArgumentNullException.ThrowIfNull(actor);
        await DemandAdminAsync(actor, scope, ct);
        var root = ToScope(scope);
        return await ImportCoreAsync(() => BackstageCatalogReader.Read(files, limits: Limits), root, root, root, actor, ct);
    }

    /// <summary>
    /// Imports files another source read (a GitHub sync): records are marked as coming from
    /// <paramref name="source"/> at <c>{locationBase}/{path}</c>; records of that source under
    /// <paramref name="orphanScope"/> missing from <paramref name="files"/> are flagged orphaned. Runs as
    /// <paramref name="actor"/> without the admin check: the caller decided the sync may write.
    /// </summary>
    public async Task<ImportReport> ImportFromSourceAsync(
        IReadOnlyList<CatalogFile> files, string locationBase, string orphanScope, DataSource source, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentException.ThrowIfNullOrWhiteSpace(locationBase);
        ArgumentException.ThrowIfNullOrWhiteSpace(orphanScope);
        return await ImportCoreAsync(() => BackstageCatalogReader.Read(files, limits: Limits), orphanScope, ToScope(locationBase), ToScope(orphanScope), actor, ct, source);
    }

    private async Task<ImportReport> ImportCoreAsync(
        Func<CatalogReadResult> readFiles,
        string scope,
        string locationBase,
        string? orphanPrefix,
        Actor actor,
        CancellationToken ct,
        DataSource source = DataSource.Import)
    {
        var read = readFiles();

        // All or nothing: the batches and the last save share one transaction, committed at the very end.
        // With a retrying execution strategy (PostgreSQL) the whole unit is what is retried, on a fresh context.
        // REVIEW: on SQLite this holds the write lock for the whole import (seconds at 30,000 entities).
        await using var probe = await dbFactory.CreateDbContextAsync(ct);
        return await probe.Database.CreateExecutionStrategy().ExecuteAsync(
            (Read: read, Scope: scope, LocationBase: locationBase, OrphanPrefix: orphanPrefix, Actor: actor, Source: source),
            (_, state, token) => WriteAsync(state.Read, state.Scope, state.LocationBase, state.OrphanPrefix, state.Actor, state.Source, token),
            null,
            ct);
    }

    private async Task<ImportReport> WriteAsync(
        CatalogReadResult read, string scope, string locationBase, string? orphanPrefix, Actor actor, DataSource source, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        // Tens of thousands of tracked records: scanning them all for changes on every Add, Entries or
        // SaveChanges call costs seconds each time. Changes to stored records are detected once, just
        // before the last save; new rows need no detection and are written in batches as they are added.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var catalog = await StoredCatalog.LoadAsync(db, ct);
        var run = new ImportRun(db, catalog, read, locationBase, orphanPrefix, BatchSize, source);
        await run.ExecuteAsync(ct);
        var report = run.Report(scope);

        AuditLog.Record(db, actor, AuditAction, "catalog", AuditKey(scope), null, Summary(report, read));

        // One pass over every tracked record; SaveChanges (and its version bump) then trusts it.
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return report;
    }

    private async Task DemandAdminAsync(Actor actor, string scope, CancellationToken ct)
    {
        if (actor.IsAdmin)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        AuditLog.Record(db, actor, AuditAction + ".denied", "catalog", AuditKey(ToScope(scope)), null, null, succeeded: false);
        await db.SaveChangesAsync(ct);
        throw new ForbiddenException($"{actor.DisplayName} may not import a catalog: an import can change any team's records, so only admins may.");
    }

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

    private static bool IsYaml(string file) =>
        file.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    private static string ToScope(string path)
    {
        var scope = path.Replace('\\', '/');
        return scope.Length > 1 ? scope.TrimEnd('/') : scope;
    }

    private static string AuditKey(string scope) =>
        scope.Length <= MaxAuditKeyLength ? scope : "…" + scope[^(MaxAuditKeyLength - 1)..];
}
