namespace Portal.Ingest.GitHub;

/// <summary>What the default branch of a repository holds that Portal cares about, and the catalog files it left unread.</summary>
public sealed record RepoContents(
    IReadOnlyDictionary<string, string> CatalogFiles,
    IReadOnlyDictionary<string, string> CatalogShas,
    string? CodeOwnersTeam,
    string? CodeOwnersSha,
    int WorkflowCount)
{
    public IReadOnlyList<RepoFileProblem> Problems { get; init; } = [];
}
