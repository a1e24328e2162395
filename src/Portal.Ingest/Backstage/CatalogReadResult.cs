namespace Portal.Ingest.Backstage;

/// <summary>What <see cref="BackstageCatalogReader"/> found in a set of files.</summary>
/// <param name="Entities">Valid entities of the kinds Portal stores, each key once.</param>
/// <param name="Rejected">Documents of those kinds that were rejected (their problems are in <paramref name="Problems"/>).</param>
/// <param name="Problems">Rejections and notices.</param>
/// <param name="FilesRead">Files parsed, including those reached through Location entities.</param>
/// <param name="BrokenFiles">Files that could not be parsed at all; their entities count as neither present nor gone.</param>
public sealed record CatalogReadResult(
    IReadOnlyList<BackstageEntity> Entities,
    IReadOnlyList<RejectedEntity> Rejected,
    IReadOnlyList<ImportProblem> Problems,
    IReadOnlyList<string> FilesRead,
    IReadOnlyList<string> BrokenFiles);
