namespace Portal.Ingest.Backstage;

/// <summary>Whether a problem stopped an entity (or file) from being imported, or is only worth knowing.</summary>
public enum ProblemSeverity
{
    /// <summary>The entity, document or file was rejected; nothing of it was written.</summary>
    Error,

    /// <summary>Skipped or ignored on purpose (unknown kind, URL location, unresolved optional reference).</summary>
    Notice,
}

/// <summary>
/// Something found while importing. <paramref name="File"/> is relative to the import root;
/// <paramref name="DocumentIndex"/> is 1-based ("document 2" is the second document of a multi-document
/// file), 0 when the problem concerns the file as a whole.
/// </summary>
public sealed record ImportProblem(string File, int DocumentIndex, string? EntityRef, string Reason, ProblemSeverity Severity)
{
    public override string ToString() =>
        $"{Severity}: {File}{(DocumentIndex > 0 ? $" document {DocumentIndex}" : "")}{(EntityRef is null ? "" : $" ({EntityRef})")}: {Reason}";
}

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

/// <summary>The outcome of one Backstage catalog import.</summary>
/// <param name="Scope">The root that was imported: a directory, a file, or the caller's name for uploaded files.</param>
/// <param name="Kinds">Counts per Backstage kind (<see cref="BackstageKinds.Imported"/>), every kind present.</param>
/// <param name="Problems">Rejections and notices, ordered by file and document.</param>
public sealed record ImportReport(string Scope, IReadOnlyDictionary<string, KindCounts> Kinds, IReadOnlyList<ImportProblem> Problems)
{
    /// <summary>True when no entity was created, updated or found unchanged: the files held nothing importable.</summary>
    public bool NothingImported => Kinds.Values.All(k => k.Imported == 0);

    /// <summary>Every record the files named, and every record they orphaned, with what happened to it; ordered by kind, then reference.</summary>
    public IReadOnlyList<RecordChange> Records { get; init; } = [];

    /// <summary>
    /// False for a preview (a dry run: nothing was written) and for an apply refused because the catalog changed since
    /// its preview (<see cref="ChangedSincePreview"/>); this report then says what applying now would do.
    /// </summary>
    public bool Applied { get; init; } = true;

    /// <summary>An apply was refused: applying now would not do what the preview showed. Nothing was written.</summary>
    public bool ChangedSincePreview { get; init; }

    public IEnumerable<ImportProblem> Errors => Problems.Where(p => p.Severity == ProblemSeverity.Error);

    public IEnumerable<ImportProblem> Notices => Problems.Where(p => p.Severity == ProblemSeverity.Notice);

    public KindCounts this[string kind] => Kinds.TryGetValue(kind, out var counts) ? counts : KindCounts.Zero;

    /// <summary>The counts of all kinds added up.</summary>
    public KindCounts Total => Kinds.Values.Aggregate(KindCounts.Zero, (a, k) => new KindCounts(
        a.Created + k.Created, a.Updated + k.Updated, a.Unchanged + k.Unchanged, a.Rejected + k.Rejected)
    {
        Orphaned = a.Orphaned + k.Orphaned,
        SourceRecorded = a.SourceRecorded + k.SourceRecorded,
    });
}
