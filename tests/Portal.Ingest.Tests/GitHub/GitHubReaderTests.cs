using Portal.Ingest.GitHub;

namespace Portal.Ingest.Tests.GitHub;

public sealed class GitHubReaderTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void ParseEvidence_CountsOnlyTheLast90Days()
    {
        const string json = """
            {"data":{"nodes":[
              {"id":"R_1","nameWithOwner":"acme/a",
               "releases":{"totalCount":3,"nodes":[{"createdAt":"2026-11-20T10:00:00Z"},{"createdAt":"2026-09-01T10:00:00Z"},{"createdAt":"2026-01-01T10:00:00Z"}]},
               "deployments":{"totalCount":1,"nodes":[{"createdAt":"2026-11-25T10:00:00Z","environment":"production"}]},
               "defaultBranchRef":{"name":"main","branchProtectionRule":{"id":"BPR_1"}}},
              {"id":"R_2","nameWithOwner":"acme/b","releases":{"totalCount":0,"nodes":[]},"deployments":{"totalCount":0,"nodes":[]},
               "defaultBranchRef":{"name":"main","branchProtectionRule":null}},
              null
            ]}}
            """;

        var evidence = GitHubReader.ParseEvidence(json, Now).ToList();

        Assert.Equal(
            [new RepoEvidence("R_1", 2, 1, true), new RepoEvidence("R_2", 0, 0, false)],
            evidence);
    }

    [Fact]
    public void ParseEvidence_ErrorsWithoutData_Throws()
    {
        var ex = Assert.Throws<GitHubUnavailableException>(() => GitHubReader.ParseEvidence("""{"errors":[{"message":"Bad credentials"}]}""", Now).ToList());

        Assert.Contains("Bad credentials", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GraphQlUrl_GitHubAndEnterprise()
    {
        Assert.Equal("https://api.github.com/graphql", GitHubConnector.GraphQlUrl(new Uri("https://api.github.com/")).ToString());
        Assert.Equal("https://ghe.example.com/api/graphql", GitHubConnector.GraphQlUrl(new Uri("https://ghe.example.com/")).ToString());
    }
}
