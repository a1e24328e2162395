using System.Diagnostics.CodeAnalysis;

namespace Portal.Testing.FakeGitHub;

/// <summary>A deployment of a repository. <see cref="Id"/> 0 gets an id the first time it is answered.</summary>
public sealed class FakeDeployment
{
    /// <summary>For object initialisers: <c>new FakeDeployment { Environment = … }</c>.</summary>
    public FakeDeployment()
    {
    }

    [SetsRequiredMembers]
    public FakeDeployment(string environment)
    {
        Environment = environment;
    }

    public long Id { get; set; }

    /// <summary>Environment name, e.g. <c>production</c> or <c>staging</c>.</summary>
    public required string Environment { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = FakeGitHubState.Truncate(DateTimeOffset.UtcNow);

    /// <summary>The deployed ref: a branch, tag or sha.</summary>
    public string Ref { get; set; } = "main";

    public string? Description { get; set; }

    /// <summary>Who created it (a user login).</summary>
    public string Creator { get; set; } = "deploy-bot";
}
