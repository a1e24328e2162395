using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Catalog;
using Portal.Domain.Common;
using Portal.Domain.Persistence;
using Portal.Domain.Security;
using Portal.Ingest.Backstage;
using Portal.Ingest.Catalog;
using Portal.Ingest.Demo;
using Portal.Testing;

namespace Portal.Ingest.Tests.Demo;

public abstract class DemoSeederTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    [Fact]
    public async Task SeedAsync_EmptyDatabase_LoadsABelievableCompany()
    {
        var result = await new DemoSeeder(Db.Factory).SeedAsync(TestContext.Current.CancellationToken);

        Assert.False(result.AlreadyLoaded);
        Assert.InRange(result.Services, 35, 50);
        Assert.InRange(result.Teams, 7, 10);
        await using var db = Db.CreateContext();
        Assert.Equal(result.Services, await db.Services.CountAsync(TestContext.Current.CancellationToken));
        Assert.True(await db.Dependencies.AnyAsync(d => d.Kind == InteractionKind.AsyncEvent || d.Kind == InteractionKind.AsyncQueue, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SeedAsync_Twice_ChangesNothingTheSecondTime()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        var seeder = new DemoSeeder(Db.Factory, clock);
        await seeder.SeedAsync(ct);
        await using var db = Db.CreateContext();
        var before = await FingerprintAsync(db, ct);

        // A later day: nothing placed relative to "today" (rotations, overrides, answers) is added again.
        clock.Advance(TimeSpan.FromDays(3));
        var second = await seeder.SeedAsync(ct);

        Assert.True(second.AlreadyLoaded);
        Assert.All(second.Parts, p => Assert.Equal(0, p.Changes));
        Assert.Equal(before, await FingerprintAsync(db, ct));
    }

    [Fact]
    public async Task SeedAsync_EmptyDatabase_CatalogComesThroughTheImporterAsDemoRecords()
    {
        var ct = TestContext.Current.CancellationToken;
        await new DemoSeeder(Db.Factory).SeedAsync(ct);

        await using var db = Db.CreateContext();
        var payments = await db.Services.SingleAsync(s => s.Name == "payments", ct);
        Assert.Equal((DataSource.Demo, "demo/components.yaml"), (payments.Source, CatalogBatch.FileOf(payments.SourceLocation!)));
        Assert.Equal(1, payments.Tier);
        var run = await db.AuditEntries.SingleAsync(a => a.Action == DemoSeeder.AuditAction, ct);
        Assert.Equal("demo", run.EntityKey);
        Assert.True(await db.AuditEntries.CountAsync(a => a.Action == "service.create", ct) >= 38);
    }

    [Fact]
    public void CatalogFiles_ReadLikeAnyImport_NoProblemsButTheTwoMissingOwners()
    {
        var files = DemoSeeder.CatalogFiles();

        var read = BackstageCatalogReader.Read(files, options: new CatalogReadOptions { AllowMissingOwner = true });
        var strict = BackstageCatalogReader.Read(files);

        Assert.Equal(["apis.yaml", "components.yaml", "domains.yaml", "groups.yaml", "resources.yaml", "systems.yaml", "users.yaml"], files.Select(f => f.Path));
        Assert.Empty(read.Problems);
        Assert.Equal(40, read.Entities.Count(e => e.Key.Kind == BackstageKinds.Component));

        // Only the demo may leave the owner out: read as any other source is, its two unowned services are rejected.
        Assert.Equal(
            ["component:default/csv-importer", "component:default/legacy-invoice-renderer"],
            strict.Problems.Where(p => p.Reason.Contains("spec.owner is required", StringComparison.Ordinal)).Select(p => p.EntityRef).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SeedAsync_EmptyDatabase_PeopleHavePhonesRolesAndLeads()
    {
        var ct = TestContext.Current.CancellationToken;
        await new DemoSeeder(Db.Factory).SeedAsync(ct);

        await using var db = Db.CreateContext();
        var people = await db.People.ToDictionaryAsync(p => p.Name, ct);
        Assert.All(people.Values, p => Assert.StartsWith("+44 20 7946 ", p.Phone, StringComparison.Ordinal));
        Assert.Equal(PortalRole.Admin, people["erik.johansson"].Role);
        Assert.Equal(PortalRole.Viewer, people["lina.haddad"].Role);
        Assert.Equal(PortalRole.Editor, people["tomas.reyes"].Role);
        var lead = await db.TeamMemberships.SingleAsync(m => m.Team.Name == "payments-core" && m.Role == MembershipRole.Lead, ct);
        Assert.Equal(people["ada.okafor"].Id, lead.PersonId);
    }

    [Fact]
    public async Task SeedAsync_EmptyDatabase_TwoServicesWithoutAnOwningTeamAndReportingCoveredByPlatform()
    {
        var ct = TestContext.Current.CancellationToken;
        await new DemoSeeder(Db.Factory).SeedAsync(ct);

        await using var db = Db.CreateContext();
        Assert.Equal(["csv-importer", "legacy-invoice-renderer"], await db.Services.Where(s => s.OwnerTeamId == null).Select(s => s.Name).OrderBy(n => n).ToListAsync(ct));
        var reporting = await db.Services.Include(s => s.OnCallTeam).SingleAsync(s => s.Name == "reporting", ct);
        Assert.Equal("platform-infra", reporting.OnCallTeam!.Name);
    }

    [Fact]
    public async Task SeedAsync_AfterAPartialLoad_CompletesWhatIsMissing()
    {
        var ct = TestContext.Current.CancellationToken;
        await new DemoSeeder(Db.Factory, [], TimeProvider.System).SeedAsync(ct);
        await using (var db = Db.CreateContext())
        {
            Assert.False(await db.OnCallRotations.AnyAsync(ct));
        }

        var result = await new DemoSeeder(Db.Factory).SeedAsync(ct);

        Assert.False(result.AlreadyLoaded);
        Assert.Equal(0, result.Services);
        Assert.Contains(result.Parts, p => p.Part == "on-call rotations" && p.Changes > 0);
        await using var check = Db.CreateContext();
        Assert.Equal(10, await check.OnCallRotations.CountAsync(ct));
        Assert.Equal(12, await check.ScorecardAnswers.CountAsync(ct));
    }

    [Fact]
    public async Task SeedAsync_TeamOfTheSameNameImportedBefore_FailsNamingTheClashAndWritesNoCatalog()
    {
        var ct = TestContext.Current.CancellationToken;
        const string yaml = """
            apiVersion: backstage.io/v1alpha1
            kind: Group
            metadata:
              name: payments-core
            spec:
              type: squad
              children: []
            """;
        await new BackstageImporter(Db.Factory).ImportAsync([new CatalogFile("ours.yaml", yaml)], "ours", Actor.System, ct);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new DemoSeeder(Db.Factory).SeedAsync(ct));

        Assert.Contains("group:default/payments-core", error.Message, StringComparison.Ordinal);
        await using var db = Db.CreateContext();
        Assert.Equal(1, await db.Teams.CountAsync(ct));
        Assert.False(await db.Services.AnyAsync(ct));
    }

    [Fact]
    public async Task SeedAsync_ContainsASynchronousCycleAndASharedDatabase()
    {
        await new DemoSeeder(Db.Factory).SeedAsync(TestContext.Current.CancellationToken);
        await using var db = Db.CreateContext();
        var edges = await db.Dependencies.Where(d => d.TargetServiceId != null)
            .Select(d => new { d.SourceServiceId, Target = d.TargetServiceId!.Value, d.Kind })
            .ToListAsync(TestContext.Current.CancellationToken);
        var sync = edges.Where(e => e.Kind.IsSynchronous()).ToLookup(e => e.SourceServiceId, e => e.Target);
        Assert.True(HasCycle(sync), "the demo should contain a synchronous dependency cycle");

        var writers = await db.Dependencies
            .Where(d => d.TargetResourceId != null && (d.Access == ResourceAccess.Write || d.Access == ResourceAccess.ReadWrite))
            .GroupBy(d => d.TargetResourceId)
            .Select(g => g.Select(d => d.SourceService.OwnerTeamId).Distinct().Count())
            .ToListAsync(TestContext.Current.CancellationToken);
        Assert.Contains(writers, teams => teams >= 2);
    }

    [Fact]
    public async Task SeedAsync_EveryTeamHasARotation_OneHasTwoLevelsAndAnOverride()
    {
        var ct = TestContext.Current.CancellationToken;
        await new DemoSeeder(Db.Factory).SeedAsync(ct);
        await using var db = Db.CreateContext();
        var teams = await db.Teams.CountAsync(ct);
        var rotations = await db.OnCallRotations.Select(r => new { r.TeamId, r.Level }).ToListAsync(ct);
        Assert.Equal(teams, rotations.Select(r => r.TeamId).Distinct().Count());
        Assert.Contains(rotations.GroupBy(r => r.TeamId), g => g.Count() == 2);
        Assert.Equal(1, await db.OnCallOverrides.CountAsync(ct));
    }

    /// <summary>Every record's version, and how many audit entries, rotations, overrides and answers there are.</summary>
    private static async Task<string> FingerprintAsync(PortalDbContext db, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var versions = string.Join(",", await db.Services.OrderBy(s => s.Name).Select(s => s.Name + ":" + s.Version).ToListAsync(ct))
            + string.Join(",", await db.Teams.OrderBy(t => t.Name).Select(t => t.Name + ":" + t.Version).ToListAsync(ct))
            + string.Join(",", await db.People.OrderBy(p => p.Name).Select(p => p.Name + ":" + p.Version + ":" + p.Role).ToListAsync(ct));
        return $"{versions}|{await db.AuditEntries.CountAsync(ct)}|{await db.OnCallRotations.CountAsync(ct)}|{await db.OnCallOverrides.CountAsync(ct)}"
            + $"|{await db.ScorecardAnswers.CountAsync(ct)}|{await db.ScorecardExemptions.CountAsync(ct)}|{await db.Dependencies.CountAsync(ct)}";
    }

    private static bool HasCycle(ILookup<Guid, Guid> graph)
    {
        var state = new Dictionary<Guid, int>();
        bool Visit(Guid node)
        {
            state[node] = 1;
            foreach (var next in graph[node])
            {
                var s = state.GetValueOrDefault(next);
                if (s == 1 || (s == 0 && Visit(next)))
                {
                    return true;
                }
            }

            state[node] = 2;
            return false;
        }

        return graph.Select(g => g.Key).Any(n => state.GetValueOrDefault(n) == 0 && Visit(n));
    }
}

public sealed class SqliteDemoSeederTests() : DemoSeederTests(TestProvider.Sqlite);

public sealed class PostgresDemoSeederTests() : DemoSeederTests(TestProvider.Postgres);
