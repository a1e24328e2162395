using System.Diagnostics.CodeAnalysis;

namespace Portal.Testing.FakeGitHub;

/// <summary>A release of a repository. <see cref="Id"/> 0 gets an id the first time it is answered.</summary>
public sealed class FakeRelease
{
    /// <summary>For object initialisers: <c>new FakeRelease { TagName = … }</c>.</summary>
    public FakeRelease()
    {
    }

    [SetsRequiredMembers]
    public FakeRelease(string tagName)
    {
        TagName = tagName;
    }

    public long Id { get; set; }

    public required string TagName { get; set; }

    /// <summary>Title; GitHub answers <c>null</c> when none was given.</summary>
    public string? Name { get; set; }

    public string? Body { get; set; }

    public string TargetCommitish { get; set; } = "main";

    public DateTimeOffset CreatedAt { get; set; } = FakeGitHubState.Truncate(DateTimeOffset.UtcNow);

    /// <summary>When it was published; <c>null</c> for a draft.</summary>
    public DateTimeOffset? PublishedAt { get; set; }

    public bool Draft { get; set; }

    public bool Prerelease { get; set; }

    /// <summary>Who published it (a user login).</summary>
    public string Author { get; set; } = "release-bot";
}
