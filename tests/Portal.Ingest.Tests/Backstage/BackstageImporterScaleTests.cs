using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Ingest.Backstage;
using Portal.Testing;
using static Portal.Ingest.Tests.Backstage.BackstageTestData;

namespace Portal.Ingest.Tests.Backstage;

/// <summary>Timed tests run alone, after the others, so other test classes do not eat into their budget.</summary>
[CollectionDefinition(nameof(TimedCollection), DisableParallelization = true)]
public sealed class TimedCollection;

/// <summary>A large organisation's catalog on SQLite: 2,000 groups, 20,000 users and 10,000 components.</summary>
[Collection(nameof(TimedCollection))]
public sealed class BackstageImporterScaleTests() : DatabaseTest(TestProvider.Sqlite), IAsyncLifetime
{
    private const int Groups = 2_000;
    private const int Users = 20_000;
    private const int Components = 10_000;

    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ImportAsync_32000Entities_FinishesWithinBudgetAndReimportsUnchanged()
    {
        var ct = TestContext.Current.CancellationToken;
        var files = LargeCatalog();
        var importer = new BackstageImporter(Db.Factory);

        var first = Stopwatch.StartNew();
        var created = await importer.ImportAsync(files, "scale", Admin, ct);
        first.Stop();
        var second = Stopwatch.StartNew();
        var unchanged = await importer.ImportAsync(files, "scale", Admin, ct);
        second.Stop();

        TestContext.Current.TestOutputHelper?.WriteLine($"first import {first.Elapsed.TotalSeconds:F1} s, second {second.Elapsed.TotalSeconds:F1} s");
        Assert.Empty(created.Problems);
        Assert.Equal(Groups + Users + Components, created.Total.Created);
        Assert.Equal(Groups + Users + Components, unchanged.Total.Unchanged);
        Assert.InRange(first.Elapsed, TimeSpan.Zero, Budget);
        Assert.InRange(second.Elapsed, TimeSpan.Zero, Budget);
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
