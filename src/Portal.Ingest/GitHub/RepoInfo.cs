namespace Portal.Ingest.GitHub;

/// <summary>A repository as the organisation's repository list describes it.</summary>
public sealed record RepoInfo(
    long Id, string NodeId, string Organization, string Name, string? Description, string? Language, IReadOnlyList<string> Topics,
    string DefaultBranch, string HtmlUrl, bool Archived, bool Fork, DateTime? PushedAt);
