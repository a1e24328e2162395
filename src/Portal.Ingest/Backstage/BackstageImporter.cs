using Microsoft.EntityFrameworkCore;
using Portal.Domain.Auditing;
using Portal.Domain.Common;
using Portal.Domain.Persistence;
using Portal.Domain.Security;
using Portal.Ingest.Catalog;

namespace Portal.Ingest.Backstage;

/// <summary>
/// Imports Backstage catalog files (Component, API, Resource, System, Domain, Group, User, Location) that an
/// admin gives: a file or directory on the command line, an upload, an API request. Only admins may import:
/// an import can hand any record to any team. The files are read by <see cref="BackstageCatalogReader"/>
/// and written by the one <see cref="CatalogReconciler"/>, as every other source is, under the import's
/// <see cref="SourceRules"/>.
/// </summary>
public sealed class BackstageImporter(IDbContextFactory<PortalDbContext> dbFactory, SourceRules? rules = null)
{
    public const string AuditAction = "catalog.import";

    /// <summary>New rows written per intermediate save (see <see cref="CatalogReconciler"/>).</summary>
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

        return await ImportCoreAsync(() => BackstageCatalogReader.Read(files, LoadFile, canLoadOthers: true, new CatalogReadOptions { Limits = Limits }), ToScope(full), ToScope(baseDirectory), orphanPrefix, actor, ct);
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
        return await ImportCoreAsync(() => BackstageCatalogReader.Read(files, options: new CatalogReadOptions { Limits = Limits }), root, root, root, actor, ct);
    }

    /// <summary>
    /// Imports files a person sent through the portal (<paramref name="channel"/>: <c>upload</c> for the page,
    /// <c>api</c> for the API). The files of one send are one origin; each record is located by the sender and the
    /// file name (<c>upload/{sender}/{file}#{document}</c>): sending a file of the same name again updates what it
    /// defined and orphans what it no longer defines; a file of another send, or a file someone else sent, never
    /// changes those records (a conflict, until an admin hands a record over), and teams of two sends are not linked
    /// to each other.
    /// </summary>
    public async Task<ImportReport> ImportSentFilesAsync(IReadOnlyList<CatalogFile> files, string channel, Actor actor, CancellationToken ct)
    {
        var batch = await SentBatchAsync(files, channel, actor, ct);
        return await Reconciler.ReconcileAsync(batch, actor, AuditAction, ct);
    }

    /// <summary>
    /// What <see cref="ImportSentFilesAsync"/> would do with <paramref name="files"/>, record by record, from a dry run of
    /// the same reconciler (nothing is written). Admins only, as the import itself.
    /// </summary>
    public async Task<ImportReport> PreviewSentFilesAsync(IReadOnlyList<CatalogFile> files, string channel, Actor actor, CancellationToken ct)
    {
        var batch = await SentBatchAsync(files, channel, actor, ct);
        return await Reconciler.PreviewAsync(batch, ct);
    }

    /// <summary>
    /// Imports sent <paramref name="files"/> as <paramref name="preview"/> showed; when the catalog changed since, nothing
    /// is written and the report (<see cref="ImportReport.ChangedSincePreview"/>) is the new preview.
    /// </summary>
    public async Task<ImportReport> ApplySentFilesAsync(IReadOnlyList<CatalogFile> files, string channel, ImportReport preview, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(preview);
        var batch = await SentBatchAsync(files, channel, actor, ct);
        return await Reconciler.ApplyPreviewedAsync(batch, preview, actor, AuditAction, ct);
    }

    private CatalogReconciler Reconciler => new(dbFactory) { BatchSize = BatchSize };

    private async Task<CatalogBatch> SentBatchAsync(IReadOnlyList<CatalogFile> files, string channel, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        ArgumentNullException.ThrowIfNull(actor);
        // '/' in the sender's name is escaped (and '%', so the escape stays unambiguous): a name with a slash
        // cannot address another sender's files.
        var root = $"{channel}/{actor.Name.Replace("%", "%25", StringComparison.Ordinal).Replace("/", "%2F", StringComparison.Ordinal)}";
        await DemandAdminAsync(actor, root, ct);
        SentFileNames.Demand(files);
        var read = BackstageCatalogReader.Read(files, options: new CatalogReadOptions { Limits = Limits });
        return CatalogBatch.ForFiles(read, DataSource.Import, root, root, null, (rules ?? SourceRules.Default).ForImports, actor, oneSend: true);
    }

    private async Task<ImportReport> ImportCoreAsync(
        Func<CatalogReadResult> readFiles, string scope, string locationBase, string? orphanPrefix, Actor actor, CancellationToken ct)
    {
        var batch = CatalogBatch.ForFiles(readFiles(), DataSource.Import, scope, locationBase, orphanPrefix, (rules ?? SourceRules.Default).ForImports, actor);
        return await Reconciler.ReconcileAsync(batch, actor, AuditAction, ct);
    }

    private async Task DemandAdminAsync(Actor actor, string scope, CancellationToken ct)
    {
        if (actor.IsAdmin)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        AuditLog.Record(db, actor, AuditAction + ".denied", "catalog", CatalogReconciler.AuditKey(ToScope(scope)), null, null, succeeded: false);
        await db.SaveChangesAsync(ct);
        throw new ForbiddenException($"{actor.DisplayName} may not import a catalog: an import can change any team's records, so only admins may.");
    }

    private static bool IsYaml(string file) =>
        file.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    private static string ToScope(string path)
    {
        var scope = path.Replace('\\', '/');
        return scope.Length > 1 ? scope.TrimEnd('/') : scope;
    }
}
