using Portal.Domain.Common;

namespace Portal.Ingest.Catalog;

/// <summary>Where a catalog record belongs: the source and location that may change it (see <see cref="CatalogHandOver"/>).</summary>
/// <param name="Kind">The Backstage kind (<c>Component</c>, <c>Group</c>…).</param>
/// <param name="Ref">The record's reference: its name, or <c>namespace/name</c>.</param>
/// <param name="DisplayName">Its title, or its name when it has none.</param>
/// <param name="Source">The source it belongs to; <see cref="DataSource.Manual"/> means people editing it in Portal.</param>
/// <param name="Location">The location within the source (a file and document, a repository, a team sync); null for manual records.</param>
/// <param name="IsOrphaned">Its source no longer defines it; the next source that does adopts it.</param>
/// <param name="Version">The record's version, to send back with a hand-over.</param>
/// <param name="Owner">Who may change it now, in words.</param>
public sealed record RecordOrigin(
    string Kind,
    string Ref,
    string DisplayName,
    DataSource Source,
    string? Location,
    bool IsOrphaned,
    int Version,
    string Owner);
