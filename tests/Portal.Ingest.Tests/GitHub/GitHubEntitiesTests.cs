using Portal.Domain.Catalog;
using Portal.Domain.Sync;
using Portal.Ingest.Backstage;
using Portal.Ingest.GitHub;

namespace Portal.Ingest.Tests.GitHub;

/// <summary>What GitHub says, as parsed entities: the CODEOWNERS fallback and archiving act on entities, not on YAML text.</summary>
public sealed class GitHubEntitiesTests
{
    private const string WithoutOwner = """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: ledger-api
        spec:
          type: service
          lifecycle: production
        ---
        apiVersion: backstage.io/v1alpha1
        kind: API
        metadata:
          name: ledger
        spec:
          type: openapi
          lifecycle: experimental
          owner: platform
          definition: "openapi: 3.0.0"
        """;

    private static GitHubRepository Repository(string name, string yaml, string? codeOwners = null, bool archived = false)
    {
        var row = new GitHubRepository(1, "acme", name);
        row.Describe("acme", name, "node-1", null, null, [], "main", $"https://github.com/acme/{name}", archived, false, null);
        row.RecordContents(new Dictionary<string, string> { ["catalog-info.yaml"] = yaml }, new Dictionary<string, string> { ["catalog-info.yaml"] = "sha" }, codeOwners, codeOwners is null ? null : "sha2", 0);
        return row;
    }

    [Fact]
    public void CatalogFiles_EntityWithoutOwner_GetsTheCodeOwnersTeamAndNamedOwnersWin()
    {
        var read = GitHubEntities.CatalogFiles([Repository("ledger", WithoutOwner, codeOwners: "payments")]);

        Assert.Empty(read.Problems);
        Assert.Equal("payments", read.Entities.Single(e => e.Key.Name == "ledger-api").Owner?.Name);
        Assert.Equal("platform", read.Entities.Single(e => e.Key.Name == "ledger").Owner?.Name);
    }

    [Fact]
    public void CatalogFiles_NoOwnerAndNoCodeOwners_RejectedAsOwnerRequired()
    {
        var read = GitHubEntities.CatalogFiles([Repository("ledger", WithoutOwner)]);

        var problem = Assert.Single(read.Problems);
        Assert.Equal(("ledger/catalog-info.yaml", 1), (problem.File, problem.DocumentIndex));
        Assert.Contains("spec.owner is required", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CatalogFiles_ArchivedRepository_ComponentsAndApisDeprecatedWhateverTheFileSays()
    {
        var read = GitHubEntities.CatalogFiles([Repository("ledger", WithoutOwner, codeOwners: "payments", archived: true)]);

        Assert.Equal(Lifecycle.Deprecated, read.Entities.OfType<BackstageComponent>().Single().Lifecycle);
        Assert.Equal(Lifecycle.Deprecated, read.Entities.OfType<BackstageApi>().Single().Lifecycle);
    }

    [Fact]
    public void CatalogFiles_ComponentWithoutRepository_GetsTheOneItsFileIsIn()
    {
        var read = GitHubEntities.CatalogFiles([Repository("ledger", WithoutOwner, codeOwners: "payments")]);

        Assert.Equal("https://github.com/acme/ledger", read.Entities.OfType<BackstageComponent>().Single().RepositoryUrl);
    }

    [Fact]
    public void CatalogFiles_BrokenYaml_ProblemAndNoText()
    {
        var read = GitHubEntities.CatalogFiles([Repository("ledger", "kind: [unclosed", codeOwners: "payments")]);

        Assert.Equal(["ledger/catalog-info.yaml"], read.BrokenFiles);
        Assert.Empty(read.Entities);
    }

    [Fact]
    public void Inferred_RepositoryWithoutCatalogFile_ExperimentalServiceWithTopicsLanguageAndCodeOwners()
    {
        var row = new GitHubRepository(2, "acme", "Ledger");
        row.Describe("acme", "Ledger", "node-2", "  Double-entry ledger ", "Go", ["Core", "payments", "not a tag"], "main", "https://github.com/acme/Ledger", false, false, null);
        row.RecordContents(new Dictionary<string, string>(), new Dictionary<string, string>(), "payments", "sha", 0);

        var (services, problems) = GitHubEntities.Inferred([row]);

        Assert.Empty(problems);
        var service = Assert.Single(services);
        Assert.Equal(("ledger", "Double-entry ledger", Lifecycle.Experimental, "payments"), (service.Key.Name, service.Description, service.Lifecycle, service.Owner?.Name));
        Assert.Equal(["core", "payments"], service.Tags);
        Assert.Equal(("acme/Ledger", "Go"), (service.Annotations["github.com/project-slug"], service.Annotations["github.com/language"]));
    }

    [Fact]
    public void Teams_MaintainersLeadMembersAndNewLoginsBecomeUsers()
    {
        var teams = new List<TeamInfo>
        {
            new(1, "platform", "Platform", " Runs it ", null, new Dictionary<string, bool> { ["Alice"] = true, ["bob"] = false }),
            new(2, "payments", "Payments", null, "platform", new Dictionary<string, bool> { ["carol"] = true }),
        };
        var known = new Dictionary<string, EntityKey> { ["bob"] = new(BackstageKinds.User, "default", "robert") };

        var read = GitHubEntities.Teams(teams, known);

        var platform = read.Entities.OfType<BackstageGroup>().Single(g => g.Key.Name == "platform");
        Assert.Equal(("Platform", "Runs it"), (platform.Title, platform.Description));
        Assert.Equal(MembershipRole.Lead, platform.MemberRoles![new EntityKey(BackstageKinds.User, "default", "alice")]);
        Assert.Equal(MembershipRole.Member, platform.MemberRoles[new EntityKey(BackstageKinds.User, "default", "robert")]);
        Assert.Equal("platform", read.Entities.OfType<BackstageGroup>().Single(g => g.Key.Name == "payments").Parent?.Name);
        Assert.Equal(["alice", "carol"], read.Entities.OfType<BackstageUser>().Select(u => u.Key.Name).Order(StringComparer.Ordinal));
        Assert.Equal("Alice", read.Entities.OfType<BackstageUser>().Single(u => u.Key.Name == "alice").Annotations["github.com/user-login"]);
    }
}
