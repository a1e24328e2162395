namespace Portal.Ingest.Backstage;

/// <summary>
/// What one import did to the entities of one kind. <see cref="Orphaned"/> counts records that were
/// imported from the same scope before and are no longer there (flagged, never deleted);
/// <see cref="SourceRecorded"/> counts unchanged records whose provenance was taken over by the import
/// (e.g. demo or manual records that the files describe exactly as they are).
/// </summary>
public sealed record KindCounts(int Created, int Updated, int Unchanged, int Rejected)
{
    public static KindCounts Zero { get; } = new(0, 0, 0, 0);

    public int Orphaned { get; init; }

    public int SourceRecorded { get; init; }

    /// <summary>Entities of this kind found in the files and now in the catalog.</summary>
    public int Imported => Created + Updated + Unchanged;
}
