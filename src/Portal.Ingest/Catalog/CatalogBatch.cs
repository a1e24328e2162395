using Portal.Domain.Common;
using Portal.Domain.Security;
using Portal.Ingest.Backstage;

namespace Portal.Ingest.Catalog;

/// <summary>
/// What one source hands <see cref="CatalogReconciler"/>: the entities it parsed or built, where each came
/// from, which kinds it may define, and which stored records it speaks for. Every source produces one: a
/// file import (command line, upload, API), a GitHub sync (catalog files, repositories without one, teams
/// and members), the demo company.
/// </summary>
public sealed class CatalogBatch
{
    public required DataSource Source { get; init; }

    /// <summary>Names what was reconciled, in the report and the run's audit entry: a directory, <c>upload</c>, <c>github:acme</c>.</summary>
    public required string Scope { get; init; }

    /// <summary>The entities, the documents rejected while reading, and the reading problems.</summary>
    public required CatalogReadResult Read { get; init; }

    public required SourceRule Rule { get; init; }

    /// <summary>The <see cref="CatalogEntity.SourceLocation"/> a record of this entity gets.</summary>
    public required Func<BackstageEntity, string> LocationOf { get; init; }

    /// <summary>
    /// Whether a stored record of <see cref="Source"/> at this location is one this batch speaks for: such a
    /// record that no entity of the batch names any more is orphaned.
    /// </summary>
    public required Func<string, bool> Covers { get; init; }

    /// <summary>
    /// Whether a stored record of <see cref="Source"/> at this location (second argument) belongs to the origin
    /// of this entity, so the entity may change it. Default: <see cref="Covers"/>. A GitHub repository owns
    /// only what its own files created, though a full sync covers the whole organisation.
    /// </summary>
    public Func<BackstageEntity, string, bool>? Owns { get; init; }

    /// <summary>
    /// Why a stored record of <see cref="Source"/> at this location may belong to this batch's origin though
    /// <see cref="Owns"/> cannot say so this run, or null when it can: a file of the same import scope that did not parse
    /// this time; another file of the same sender that was not part of this send. The run leaves such a record's place
    /// in the team hierarchy alone (a notice giving the reason, no conflict).
    /// Default: never (a GitHub repository or team sync knows exactly what it owns).
    /// </summary>
    public Func<string, string?> OriginUnclear { get; init; } = _ => null;

    /// <summary>Who the per-record audit entry names for a write this entity causes (e.g. <c>github:acme/billing</c>).</summary>
    public required Func<BackstageEntity, Actor> ActorOf { get; init; }

    /// <summary>Who the audit entry names when a record at this location is orphaned.</summary>
    public required Func<string, Actor> ActorAt { get; init; }

    /// <summary>Teams the batch no longer names are marked gone (deleted on GitHub) rather than orphaned.</summary>
    public bool RetireTeamsAsGone { get; init; }

    internal bool OwnsLocation(BackstageEntity entity, string location) => Owns?.Invoke(entity, location) ?? Covers(location);

    /// <summary>
    /// A batch of catalog files: records are located at <c>{locationBase}/{file}#{document}</c>; the batch
    /// covers the files it read (not those it could not parse: a typo must not orphan a file's records) and,
    /// with <paramref name="orphanPrefix"/>, every file below it. Its origin (<see cref="Owns"/>) is every file below
    /// <paramref name="locationBase"/> (an import scope; a single file's folder), or with <paramref name="oneSend"/>
    /// (files a person uploads or posts in one request) the files of this send; never a file that did not parse.
    /// The sender's other files, not sent this time, are <see cref="OriginUnclear"/>: the run cannot tell whether they
    /// still belong with these.
    /// </summary>
    public static CatalogBatch ForFiles(
        CatalogReadResult read, DataSource source, string scope, string locationBase, string? orphanPrefix, SourceRule rule, Actor actor,
        bool oneSend = false)
    {
        ArgumentNullException.ThrowIfNull(read);
        var filesRead = read.FilesRead.Select(f => $"{locationBase}/{f}").ToHashSet(StringComparer.Ordinal);
        var broken = read.BrokenFiles.Select(f => $"{locationBase}/{f}").ToHashSet(StringComparer.Ordinal);
        return new CatalogBatch
        {
            Source = source,
            Scope = scope,
            Read = read,
            Rule = rule,
            LocationOf = e => $"{locationBase}/{e.File}#{e.Document}",
            Covers = location =>
            {
                var file = FileOf(location);
                return !broken.Contains(file)
                    && (filesRead.Contains(file) || (orphanPrefix is not null && file.StartsWith(orphanPrefix + "/", StringComparison.Ordinal)));
            },
            Owns = (_, location) =>
            {
                var file = FileOf(location);
                return !broken.Contains(file)
                    && (oneSend ? filesRead.Contains(file) : file.StartsWith(locationBase + "/", StringComparison.Ordinal));
            },
            OriginUnclear = location =>
            {
                var file = FileOf(location);
                return broken.Contains(file) ? "its file did not parse this time"
                    : oneSend && !filesRead.Contains(file) && file.StartsWith(locationBase + "/", StringComparison.Ordinal) ? "its file was not part of this send"
                    : null;
            },
            ActorOf = _ => actor,
            ActorAt = _ => actor,
        };
    }

    /// <summary>
    /// The kind of origin a record at <paramref name="location"/> of <paramref name="source"/> has: the source, and
    /// for GitHub the organisation and whether repositories (catalog files, repositories without one) or the team
    /// sync made it. An orphaned record is adopted only by a batch of the same kind.
    /// </summary>
    public static string OriginKindOf(DataSource source, string? location)
    {
        if (source != DataSource.GitHub || location is null)
        {
            return source.ToString();
        }

        var colon = location.IndexOf(':', StringComparison.Ordinal);
        var family = colon < 0 ? "" : location[..colon] switch
        {
            "github" or "github-repo" => "repositories",
            "github-team" or "github-member" => "teams",
            var other => other,
        };
        var rest = colon < 0 ? location : location[(colon + 1)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return $"GitHub {family} of {(slash < 0 ? rest : rest[..slash])}";
    }

    /// <summary>The file part of a location (<c>dir/file.yaml#2</c> → <c>dir/file.yaml</c>).</summary>
    public static string FileOf(string location)
    {
        var hash = location.LastIndexOf('#');
        return hash < 0 ? location : location[..hash];
    }
}
