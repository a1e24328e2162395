namespace Portal.Ingest.GitHub;

/// <summary>
/// How much of one repository the sync reads as catalog files: <c>catalog-info.yaml</c> and the Location targets
/// it names. Checked against the sizes in the repository's tree before a blob is downloaded, so a repository
/// listing thousands of targets, or huge ones, costs neither requests nor memory.
/// </summary>
/// <param name="MaxFiles">Catalog files per repository, the root file included.</param>
/// <param name="MaxFileBytes">Bytes of one catalog file.</param>
/// <param name="MaxTotalBytes">Bytes of all catalog files of one repository together.</param>
public sealed record CatalogFileLimits(int MaxFiles, long MaxFileBytes, long MaxTotalBytes)
{
    public static CatalogFileLimits Default { get; } = new(100, 1_000_000, 5_000_000);
}
