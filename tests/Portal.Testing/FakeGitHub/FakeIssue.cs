using System.Diagnostics.CodeAnalysis;

namespace Portal.Testing.FakeGitHub;

/// <summary>An issue of a repository. <see cref="Number"/> 0 gets the next free number when first answered.</summary>
public sealed class FakeIssue
{
    /// <summary>For object initialisers: <c>new FakeIssue { Title = … }</c>.</summary>
    public FakeIssue()
    {
    }

    [SetsRequiredMembers]
    public FakeIssue(string title)
    {
        Title = title;
    }

    public long Id { get; set; }

    public int Number { get; set; }

    public required string Title { get; set; }

    public string? Body { get; set; }

    /// <summary><c>open</c> or <c>closed</c>.</summary>
    public string State { get; set; } = "open";

    /// <summary>Label names.</summary>
    public List<string> Labels { get; } = [];

    public DateTimeOffset CreatedAt { get; set; } = FakeGitHubState.Truncate(DateTimeOffset.UtcNow);

    public DateTimeOffset UpdatedAt { get; set; } = FakeGitHubState.Truncate(DateTimeOffset.UtcNow);

    /// <summary>When it was closed; answered only while <see cref="State"/> is <c>closed</c>.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Why it was closed (<c>completed</c>, <c>not_planned</c>); answered only while <see cref="State"/> is <c>closed</c>.</summary>
    public string StateReason { get; set; } = "completed";

    /// <summary>True for a pull request: GitHub lists pull requests among issues, with a <c>pull_request</c> object.</summary>
    public bool IsPullRequest { get; set; }

    /// <summary>The author's login.</summary>
    public string User { get; set; } = "octocat";

    /// <summary>The author's relation to the repository (<c>author_association</c>): OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, NONE…; null leaves the field out as null.</summary>
    public string? AuthorAssociation { get; set; } = "MEMBER";

    /// <summary>True while the search leaves the issue out, as GitHub's search index does while it lags behind a change.</summary>
    public bool HiddenFromSearch { get; set; }
}
