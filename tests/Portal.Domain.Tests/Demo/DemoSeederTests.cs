using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Domain.Demo;
using Portal.Testing;

namespace Portal.Domain.Tests.Demo;

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
        var seeder = new DemoSeeder(Db.Factory);
        await seeder.SeedAsync(TestContext.Current.CancellationToken);
        await using var db = Db.CreateContext();
        var before = await db.Services.MaxAsync(s => s.UpdatedAt, TestContext.Current.CancellationToken);

        var second = await seeder.SeedAsync(TestContext.Current.CancellationToken);

        Assert.True(second.AlreadyLoaded);
        Assert.Equal(before, await db.Services.MaxAsync(s => s.UpdatedAt, TestContext.Current.CancellationToken));
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
