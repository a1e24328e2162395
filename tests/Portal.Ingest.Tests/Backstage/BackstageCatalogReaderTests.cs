using Portal.Domain.Catalog;
using Portal.Ingest.Backstage;
using static Portal.Ingest.Tests.Backstage.BackstageTestData;

namespace Portal.Ingest.Tests.Backstage;

/// <summary>The parser and validator on its own: no database.</summary>
public sealed class BackstageCatalogReaderTests
{
    private static CatalogReadResult ReadExamples() => BackstageCatalogReader.Read(ReadDirectory(Examples));

    private static CatalogReadResult ReadFixture(string name) => BackstageCatalogReader.Read(ReadDirectory(Fixture(name)));

    private static CatalogReadResult ReadText(string yaml, string path = "catalog-info.yaml") =>
        BackstageCatalogReader.Read([new CatalogFile(path, yaml)]);

    private static T Entity<T>(CatalogReadResult result, string name)
        where T : BackstageEntity =>
        result.Entities.OfType<T>().Single(e => e.Key.Name == name);

    private static ImportProblem Error(CatalogReadResult result, string file) =>
        Assert.Single(result.Problems, p => p.File == file && p.Severity == ProblemSeverity.Error);

    [Fact]
    public void Read_RealExamples_ReadsEveryValidEntityByKind()
    {
        var result = ReadExamples();

        var counts = result.Entities.GroupBy(e => e.Key.Kind).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(9, counts[BackstageKinds.Group]);
        Assert.Equal(17, counts[BackstageKinds.User]);
        Assert.Equal(3, counts[BackstageKinds.Domain]);
        Assert.Equal(3, counts[BackstageKinds.System]);
        Assert.Equal(1, counts[BackstageKinds.Resource]);
        Assert.Equal(13, counts[BackstageKinds.Api]);
        Assert.Equal(14, counts[BackstageKinds.Component]);
    }

    [Fact]
    public void Read_RealInvalidComponent_RejectedWithFileDocumentAndNameReason()
    {
        var result = ReadExamples();

        var problem = Error(result, "components/invalid-component.yaml");
        Assert.Equal(1, problem.DocumentIndex);
        Assert.Equal("component:default/invalid component", problem.EntityRef);
        Assert.Contains("metadata.name", problem.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Entities, e => e.File == "components/invalid-component.yaml");
    }

    [Fact]
    public void Read_RealUserOwnedEntities_AcceptedWithThePersonAsOwner()
    {
        var result = ReadExamples();

        Assert.DoesNotContain(result.Problems, p => p.File is "components/searcher-component.yaml" or "domains/playback-domain.yaml");
        Assert.Equal(new EntityKey(BackstageKinds.User, "default", "guest"), Entity<BackstageComponent>(result, "searcher").Owner);
        Assert.Equal(BackstageKinds.User, Entity<BackstageDomain>(result, "playback").Owner!.Kind);
    }

    [Fact]
    public void Read_OwnerOfAnotherKind_RejectedNamingGroupOrUser()
    {
        var result = ReadText(path: "c.yaml", yaml: """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: odd
            spec:
              type: service
              lifecycle: production
              owner: system:payments
            """);

        Assert.Contains("an owner is a group (team) or a user", Error(result, "c.yaml").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RealAiResources_SkippedWithNoticeNotRejection()
    {
        var result = ReadExamples();

        var notices = result.Problems.Where(p => p.File.StartsWith("ai-resources/", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, notices.Count);
        Assert.All(notices, p => Assert.Equal(ProblemSeverity.Notice, p.Severity));
        Assert.Contains("AiResource", notices[0].Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Rejected, r => r.Kind == "AiResource");
    }

    [Fact]
    public void Read_RealOpenApiDocumentNextToTheCatalog_SkippedWithNotice()
    {
        var result = ReadExamples();

        var problem = Assert.Single(result.Problems, p => p.File == "apis/petstore-webhook.oas.yaml");
        Assert.Equal(ProblemSeverity.Notice, problem.Severity);
    }

    [Fact]
    public void Read_RealDifferentNamespace_KeepsNamespaceAndExplicitDefaultOwner()
    {
        var component = Entity<BackstageComponent>(ReadExamples(), "different-namespace");

        Assert.Equal("alternative", component.Key.Namespace);
        Assert.Equal(new EntityKey(BackstageKinds.Group, "default", "team-a"), component.Owner);
    }

    [Fact]
    public void Read_RealUsersWithOneNameInTwoNamespaces_AreTwoEntities()
    {
        var guests = ReadExamples().Entities.OfType<BackstageUser>().Where(u => u.Key.Name == "guest").ToList();

        Assert.Equal(["default", "development"], guests.Select(g => g.Key.Namespace).Order(StringComparer.Ordinal));
        Assert.All(guests, g => Assert.Equal(new EntityKey(BackstageKinds.Group, "default", "team-a"), Assert.Single(g.MemberOf)));
    }

    [Fact]
    public void Read_RealApiDefinitions_KeepTextAndPlaceholdersAsWritten()
    {
        var result = ReadExamples();

        Assert.Equal("$text: ./petstore-webhook.oas.yaml", Entity<BackstageApi>(result, "petstore-webhook").Definition);
        Assert.StartsWith("// Copyright 2015 gRPC authors.", Entity<BackstageApi>(result, "hello-world").Definition, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RealMcpServerWithRemotesInsteadOfDefinition_Accepted()
    {
        var api = Entity<BackstageApi>(ReadExamples(), "backstage-mcp-server");

        Assert.Contains("http://localhost:7007/api/mcp/v1", api.Definition, StringComparison.Ordinal);
        Assert.StartsWith("remotes:", api.Definition, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RealAllYamlOnly_FollowsLocationsToEveryTarget()
    {
        var all = new CatalogFile("all.yaml", File.ReadAllText(Path.Combine(Examples, "all.yaml")));

        var result = BackstageCatalogReader.Read([all], DiskLoader(Examples));

        Assert.Contains("components/petstore-component.yaml", result.FilesRead);
        Assert.Contains("ai-resources/code-review-plugin.yaml", result.FilesRead);
        Assert.DoesNotContain("apis/petstore-31-api.yaml", result.FilesRead);
        Assert.DoesNotContain(result.Entities, e => e.Key.Kind == BackstageKinds.Group);
        Assert.Equal(11, result.Entities.Count(e => e.Key.Kind == BackstageKinds.Api));
    }

    [Fact]
    public void Read_LocationWithoutLoader_ReportsTargetsNotGiven()
    {
        var result = BackstageCatalogReader.Read([new CatalogFile("all.yaml", File.ReadAllText(Fixture("shop/all.yaml")))]);

        Assert.Equal(5, result.Problems.Count(p => p.Severity == ProblemSeverity.Error && p.Reason.Contains("not among the files given", StringComparison.Ordinal)));
    }

    [Fact]
    public void Read_MultiDocumentFile_NumbersDocumentsFromOne()
    {
        var result = ReadFixture("shop");

        Assert.Equal(1, Entity<BackstageGroup>(result, "shop").Document);
        Assert.Equal(2, Entity<BackstageGroup>(result, "checkout").Document);
        Assert.Equal(8, Entity<BackstageUser>(result, "carol").Document);
        Assert.Equal("org.yaml", Entity<BackstageUser>(result, "carol").File);
    }

    [Fact]
    public void Read_FourReferenceForms_AllMeanTheSameGroup()
    {
        var result = ReadFixture("shop");
        var checkout = new EntityKey(BackstageKinds.Group, "default", "checkout");

        Assert.Equal(checkout, Entity<BackstageComponent>(result, "web").Owner);          // checkout
        Assert.Equal(checkout, Entity<BackstageSystem>(result, "storefront").Owner);      // group:checkout
        Assert.Equal(checkout, Entity<BackstageResource>(result, "orders-db").Owner);     // default/checkout
        Assert.Equal(checkout, Entity<BackstageComponent>(result, "orders").Owner);       // group:default/checkout
    }

    [Fact]
    public void Read_EntityInOtherNamespace_ReferencesDefaultToItsNamespace()
    {
        var result = ReadFixture("shop");
        var tool = Entity<BackstageComponent>(result, "ops-tool");

        Assert.Equal(new EntityKey(BackstageKinds.Group, "ops", "ops-team"), tool.Owner);
        Assert.Equal(new EntityKey(BackstageKinds.Component, "default", "payments"), Assert.Single(tool.DependsOn));
        Assert.Equal(new EntityKey(BackstageKinds.Group, "ops", "ops-team"), Assert.Single(Entity<BackstageUser>(result, "carol").MemberOf));
    }

    [Fact]
    public void Read_UrlLocationTarget_SkippedWithNotice()
    {
        var result = BackstageCatalogReader.Read([new CatalogFile("all.yaml", File.ReadAllText(Fixture("shop/all.yaml")))], DiskLoader(Fixture("shop")));

        var notice = Assert.Single(result.Problems);
        Assert.Equal(ProblemSeverity.Notice, notice.Severity);
        Assert.Contains("https://github.com/example/shop/blob/main/catalog-info.yaml", notice.Reason, StringComparison.Ordinal);
        Assert.Equal(18, result.Entities.Count);
    }

    [Fact]
    public void Read_MissingLocationTarget_Rejected()
    {
        var problem = Error(ReadFixture("broken"), "location.yaml");

        Assert.Contains("does-not-exist.yaml", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BadYamlSyntax_OneErrorForTheFileWithLineAndColumn()
    {
        var result = ReadFixture("broken");

        var problem = Error(result, "bad-syntax.yaml");
        Assert.Equal(2, problem.DocumentIndex);
        Assert.Contains("line 17, column 10", problem.Reason, StringComparison.Ordinal);
        Assert.Contains("bad-syntax.yaml", result.BrokenFiles);
        Assert.DoesNotContain(result.Entities, e => e.Key.Name == "before-the-typo");
    }

    [Theory]
    [InlineData("invalid-name.yaml", "metadata.name")]
    [InlineData("missing-owner.yaml", "spec.owner is required")]
    [InlineData("unknown-lifecycle.yaml", "spec.lifecycle 'retired' is not one of experimental, production, deprecated")]
    [InlineData("bad-api-version.yaml", "apiVersion 'backstage.io/v2' is not supported")]
    public void Read_BrokenFixture_RejectedWithReason(string file, string reason)
    {
        var problem = Error(ReadFixture("broken"), file);

        Assert.Equal(1, problem.DocumentIndex);
        Assert.Contains(reason, problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownKindWithItsOwnApiVersion_SkippedWithNotice()
    {
        var problem = Assert.Single(ReadFixture("broken").Problems, p => p.File == "template.yaml");

        Assert.Equal(ProblemSeverity.Notice, problem.Severity);
    }

    [Fact]
    public void Read_InvalidInteractionKind_RejectsOnlyThatDocument()
    {
        var result = ReadFixture("broken");

        var problem = Error(result, "interactions.yaml");
        Assert.Equal(2, problem.DocumentIndex);
        Assert.Equal("component:default/bad-caller", problem.EntityRef);
        Assert.Contains("spec.interactions[0].kind 'carrier-pigeon'", problem.Reason, StringComparison.Ordinal);
        Assert.Equal(["good-callee", "good-caller"], result.Entities.Where(e => e.File == "interactions.yaml").Select(e => e.Key.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Read_Interactions_CarryKindResilienceAndCriticality()
    {
        var orders = Entity<BackstageComponent>(ReadFixture("shop"), "orders");

        Assert.Equal(
            new BackstageInteraction(new EntityKey(BackstageKinds.Component, "default", "payments"), InteractionKind.SyncHttp, 2000, 3, true, false, false, false, Criticality.High, null),
            orders.Interactions[0]);
        Assert.Equal(
            new BackstageInteraction(new EntityKey(BackstageKinds.Resource, "default", "order-events"), InteractionKind.AsyncEvent, null, null, null, null, null, null, null, ResourceAccess.Write),
            orders.Interactions[1]);
    }

    [Theory]
    [InlineData("timeoutMs: 0", "timeoutMs")]
    [InlineData("retries: 50", "retries")]
    [InlineData("backoff: sometimes", "backoff")]
    [InlineData("criticality: extreme", "criticality")]
    [InlineData("timeout: 200", "unknown field 'timeout'")]
    [InlineData("target: api:orders-api", "must be a component or a resource")]
    public void Read_InvalidInteractionValue_Rejected(string line, string reason)
    {
        var yaml = $"""
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: caller
            spec:
              type: service
              lifecycle: production
              owner: team
              interactions:
                - {(line.StartsWith("target:", StringComparison.Ordinal) ? line : "target: callee\n      " + line)}
            """;

        var result = ReadText(yaml);

        Assert.Empty(result.Entities);
        Assert.Contains(reason, Error(result, "catalog-info.yaml").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SameEntityTwice_SecondRejectedNamingTheFirst()
    {
        const string Yaml = """
            apiVersion: backstage.io/v1alpha1
            kind: Group
            metadata:
              name: twins
            spec:
              type: team
              children: []
            """;

        var result = BackstageCatalogReader.Read([new CatalogFile("a.yaml", Yaml), new CatalogFile("b.yaml", Yaml.Replace("twins", "Twins", StringComparison.Ordinal))]);

        Assert.Single(result.Entities);
        Assert.Contains("a.yaml document 1", Error(result, "b.yaml").Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Group", "type: team", "spec.children is required")]
    [InlineData("User", "profile: {}", "spec.memberOf is required")]
    [InlineData("API", "type: openapi\n  lifecycle: production\n  owner: team", "spec.definition is required")]
    [InlineData("Resource", "owner: team", "spec.type is required")]
    [InlineData("System", "domain: sales", "spec.owner is required")]
    public void Read_MissingRequiredSpecField_Rejected(string kind, string spec, string reason)
    {
        var yaml = $"apiVersion: backstage.io/v1alpha1\nkind: {kind}\nmetadata:\n  name: thing\nspec:\n  {spec}\n";

        var result = ReadText(yaml);

        Assert.Empty(result.Entities);
        Assert.Contains(reason, Error(result, "catalog-info.yaml").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyMemberOfAndChildren_Accepted()
    {
        const string Yaml = """
            apiVersion: backstage.io/v1alpha1
            kind: User
            metadata:
              name: loner
            spec:
              memberOf: []
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Group
            metadata:
              name: leaf
            spec:
              type: team
              children: []
            ---
            """;

        var result = ReadText(Yaml);

        Assert.Equal(2, result.Entities.Count);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Read_GitHubSlugAndPortalAnnotations_MapToFieldsAndKeepTheRest()
    {
        var result = ReadFixture("shop");
        var web = Entity<BackstageComponent>(result, "web");

        Assert.Equal("https://github.com/shop/web", web.RepositoryUrl);
        Assert.Equal(1, web.Tier);
        Assert.Equal(["frontend", "react"], web.Tags);
        Assert.Equal(new ServiceLink("https://shop.example/runbooks/web", "Runbook", "runbook"), Assert.Single(web.Links));
        Assert.Equal("PWEB123", web.Annotations["pagerduty.com/service-id"]);
        Assert.Equal("shop/web", web.Annotations[PortalAnnotations.GitHubProjectSlug]);
        Assert.DoesNotContain(PortalAnnotations.Tier, web.Annotations.Keys);
        Assert.Equal("#checkout", Entity<BackstageGroup>(result, "checkout").ContactChannel);
    }
}
