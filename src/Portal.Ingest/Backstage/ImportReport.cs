namespace Portal.Ingest.Backstage;

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
