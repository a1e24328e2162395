namespace Portal.Ingest.GitHub;

/// <summary>A team with its parent and members (login → maintainer?).</summary>
public sealed record TeamInfo(long Id, string Slug, string Name, string? Description, string? ParentSlug, IReadOnlyDictionary<string, bool> Members);
