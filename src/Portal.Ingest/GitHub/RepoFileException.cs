namespace Portal.Ingest.GitHub;

/// <summary>A file in a repository that could not be used, and why.</summary>
public sealed class RepoFileException(string path, string message) : Exception(message)
{
    public string Path { get; } = path;
}
