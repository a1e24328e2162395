namespace Portal.Ingest.GitHub;

/// <summary>A file of a repository that was left unread, and why (e.g. a limit it broke); the rest of the repository was read.</summary>
/// <param name="Path">The file's path in the repository.</param>
/// <param name="Message">What was wrong, naming the limit.</param>
public sealed record RepoFileProblem(string Path, string Message);
