using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Ingest.Backstage;
using Portal.Testing;
using static Portal.Ingest.Tests.Backstage.BackstageTestData;

namespace Portal.Ingest.Tests.Backstage;

/// <summary>Large tests run alone, so their memory and CPU do not slow the other test classes down.</summary>
[CollectionDefinition(nameof(TimedCollection), DisableParallelization = true)]
public sealed class TimedCollection;

/// <summary>
/// A large organisation's catalog on SQLite: 2,000 groups, 20,000 users and 10,000 components. This checks
/// that the import is right at that size; how fast it is, is the benchmark's job (tests/Portal.Benchmarks,
/// workload <c>import</c>), not a timed test.
/// </summary>
[Collection(nameof(TimedCollection))]
public sealed class BackstageImporterScaleTests() : DatabaseTest(TestProvider.Sqlite), IAsyncLifetime
{
    private const int Groups = 2_000;
    private const int Users = 20_000;
    private const int Components = 10_000;

    [Fact]
    public async Task ImportAsync_32000Entities_AllCreatedAndReimportUnchanged()
    {
        var ct = TestContext.Current.CancellationToken;
        var files = LargeCatalog();
        var importer = new BackstageImporter(Db.Factory);

        var created = await importer.ImportAsync(files, "scale", Admin, ct);
        var unchanged = await importer.ImportAsync(files, "scale", Admin, ct);

        Assert.Empty(created.Problems);
        Assert.Equal(Groups + Users + Components, created.Total.Created);
        Assert.Equal(Groups + Users + Components, unchanged.Total.Unchanged);
        await using var db = Db.CreateContext();
        Assert.Equal(Components * 2, await db.Dependencies.CountAsync(ct));
    }

    private static List<CatalogFile> LargeCatalog()
    {
        var groups = new StringBuilder();
        for (var g = 0; g < Groups; g++)
        {
            groups.Append($"""
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata:
                  name: team-{g}
                  description: Team number {g}
                spec:
                  type: team
                  profile:
                    displayName: Team {g}
                    email: team-{g}@example.com
                  {(g == 0 ? "" : $"parent: team-{(g - 1) / 10}")}
                  children: []
                ---

                """);
        }

        var users = new StringBuilder();
        for (var u = 0; u < Users; u++)
        {
            users.Append($"""
                apiVersion: backstage.io/v1alpha1
                kind: User
                metadata:
                  name: user-{u}
                spec:
                  profile:
                    displayName: User {u}
                    email: user-{u}@example.com
                  memberOf: [team-{u % Groups}]
                ---

                """);
        }

        var components = new StringBuilder();
        for (var c = 0; c < Components; c++)
        {
            components.Append($"""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: service-{c}
                  description: Service number {c}
                  tags: [generated, batch-{c % 10}]
                  annotations:
                    github.com/project-slug: example/service-{c}
                spec:
                  type: service
                  lifecycle: production
                  owner: team-{c % Groups}
                  dependsOn: [component:service-{(c + 1) % Components}, component:service-{(c + 7) % Components}]
                  interactions:
                    - target: component:service-{(c + 1) % Components}
                      kind: sync-http
                      timeoutMs: 1000
                      retries: 2
                ---

                """);
        }

        return [new CatalogFile("org/groups.yaml", groups.ToString()), new CatalogFile("org/users.yaml", users.ToString()), new CatalogFile("components.yaml", components.ToString())];
    }
}
