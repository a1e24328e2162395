using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Domain.Catalog.Commands;
using Portal.Domain.Graph.Queries;
using Portal.Domain.Security;
using Portal.Testing;

namespace Portal.Domain.Tests.Graph;

public abstract class GraphServiceTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Db.CreateContext();
        var a = new Service("a");
        var b = new Service("b");
        var orders = new Resource("orders-db", ResourceType.Database);
        db.AddRange(a, b, orders, Dependency.ToService(a, b, InteractionKind.SyncHttp), Dependency.ToResource(b, orders, ResourceAccess.ReadWrite));
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task CurrentAsync_LoadsServicesResourcesAndEdges()
    {
        var snapshot = await new GraphService(Db.Factory).CurrentAsync(Ct);
        Assert.Equal(3, snapshot.Graph.NodeCount);
        Assert.Equal(2, snapshot.Graph.EdgeCount);
        Assert.True(snapshot.Graph.TryGetIndex("resource:orders-db", out _));
    }

    [Fact]
    public async Task CurrentAsync_NothingChanged_ReturnsTheSameSnapshot()
    {
        var graphs = new GraphService(Db.Factory);
        var first = await graphs.CurrentAsync(Ct);
        Assert.Same(first, await graphs.CurrentAsync(Ct));
    }

    [Fact]
    public async Task SaveChanges_DependencyAdded_BumpsTheGraphVersion()
    {
        long Version()
        {
            using var db = Db.CreateContext();
            return db.GraphStates.Single().Version;
        }

        var before = Version();
        await using (var db = Db.CreateContext())
        {
            var c = new Service("c");
            db.Services.Add(c);
            db.Dependencies.Add(Dependency.ToService(c, await db.Services.SingleAsync(s => s.Name == "a", Ct), InteractionKind.AsyncEvent));
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(before + 1, Version());
    }

    [Fact]
    public async Task CurrentAsync_ChangeThroughAnotherInstance_IsSeenAtOnce()
    {
        // Two portal instances: each has its own cache, both read one database.
        var first = new GraphService(Db.Factory);
        var second = new GraphService(Db.Factory);
        Assert.Equal(2, (await first.CurrentAsync(Ct)).Graph.EdgeCount);
        _ = (await first.CurrentAsync(Ct)).Analysis;

        await new DependencyCommands(Db.Factory).UpsertAsync(Actor.System, "a", "resource:orders-db", new DependencyEdit(InteractionKind.SharedDatabase, Access: ResourceAccess.Write), Ct);

        var seen = await first.CurrentAsync(Ct);
        Assert.Equal(3, seen.Graph.EdgeCount);
        Assert.Equal(3, (await second.CurrentAsync(Ct)).Graph.EdgeCount);
        Assert.Contains(seen.Analysis.SharedResources, r => r.Resource == "resource:orders-db");
    }

    [Fact]
    public async Task UpsertAsync_EditorOfAnotherTeam_IsRefused()
    {
        await using (var db = Db.CreateContext())
        {
            var team = new Team("owners");
            db.Teams.Add(team);
            (await db.Services.SingleAsync(s => s.Name == "a", Ct)).AssignOwner(team);
            await db.SaveChangesAsync(Ct);
        }

        var outsider = new Actor("zed", "Zed", PortalRole.Editor, new HashSet<Guid>());
        await Assert.ThrowsAsync<Portal.Domain.Common.ForbiddenException>(() =>
            new DependencyCommands(Db.Factory).UpsertAsync(outsider, "a", "b", new DependencyEdit(InteractionKind.SyncGrpc), Ct));

        await using var check = Db.CreateContext();
        Assert.Equal(InteractionKind.SyncHttp, (await check.Dependencies.SingleAsync(d => d.TargetServiceId != null, Ct)).Kind);
    }

    [Fact]
    public async Task UpsertAsync_NegativeRetries_NamesTheFieldAndChangesNothing()
    {
        var ex = await Assert.ThrowsAsync<Portal.Domain.Common.DomainValidationException>(() =>
            new DependencyCommands(Db.Factory).UpsertAsync(Actor.System, "a", "b", new DependencyEdit(InteractionKind.SyncHttp, 500, -2), Ct));
        Assert.Equal("retries", ex.Field);
        await using var db = Db.CreateContext();
        Assert.Null((await db.Dependencies.SingleAsync(d => d.TargetServiceId != null, Ct)).Retries);
    }
}

public sealed class SqliteGraphServiceTests() : GraphServiceTests(TestProvider.Sqlite);

public sealed class PostgresGraphServiceTests() : GraphServiceTests(TestProvider.Postgres);
