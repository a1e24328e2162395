using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Domain.Catalog.Queries;
using Portal.Testing;

namespace Portal.Domain.Tests.Catalog;

public abstract class CatalogQueriesTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Db.CreateContext();
        var payments = new Team("payments-core", "Payments Core");
        var web = new Team("web");
        var system = new SoftwareSystem("billing");
        db.AddRange(payments, web, system);
        for (var i = 1; i <= 30; i++)
        {
            var s = new Service($"svc-{i:00}", $"Service {i}");
            s.SetTier(i % 3 + 1);
            s.AssignOwner(i % 2 == 0 ? payments : web);
            s.SetTags(i % 5 == 0 ? ["pci", "core"] : ["core"]);
            if (i % 10 == 0)
            {
                s.SetLifecycle(Lifecycle.Deprecated);
                s.PlaceInSystem(system);
            }

            db.Services.Add(s);
        }

        var special = new Service("ledger");
        special.Describe("General Ledger", "Double-entry bookkeeping for every payment");
        db.Services.Add(special);
        await db.SaveChangesAsync();
    }

    private CatalogQueries Queries => new(Db.Factory);

    [Fact]
    public async Task ListServicesAsync_SecondPage_ReturnsPageAndTotal()
    {
        var page = await Queries.ListServicesAsync(new ServiceQuery { Page = 2, PageSize = 10 }, TestContext.Current.CancellationToken);
        Assert.Equal(31, page.Total);
        Assert.Equal(10, page.Items.Count);
        Assert.Equal("svc-10", page.Items[0].Name);
    }

    [Fact]
    public async Task ListServicesAsync_SearchMatchesDescription_CaseInsensitive()
    {
        var page = await Queries.ListServicesAsync(new ServiceQuery { Q = "DOUBLE-entry" }, TestContext.Current.CancellationToken);
        Assert.Equal("ledger", Assert.Single(page.Items).Name);
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("svc\\")]
    public async Task ListServicesAsync_SearchWithLikeWildcards_MatchesThemLiterally(string q)
    {
        var page = await Queries.ListServicesAsync(new ServiceQuery { Q = q }, TestContext.Current.CancellationToken);
        Assert.Equal(0, page.Total);
    }

    [Fact]
    public async Task ListServicesAsync_FiltersCombine()
    {
        var page = await Queries.ListServicesAsync(
            new ServiceQuery { Owner = "payments-core", Tag = "pci", Tier = 1 },
            TestContext.Current.CancellationToken);
        Assert.All(page.Items, s => Assert.Equal(("payments-core", 1), (s.Owner, s.Tier)));
        Assert.All(page.Items, s => Assert.Contains("pci", s.Tags));
        Assert.Equal(["svc-30"], page.Items.Select(s => s.Name));
    }

    [Fact]
    public async Task ListServicesAsync_LifecycleAndSystem_Filter()
    {
        var page = await Queries.ListServicesAsync(new ServiceQuery { Lifecycle = Lifecycle.Deprecated, System = "billing" }, TestContext.Current.CancellationToken);
        Assert.Equal(["svc-10", "svc-20", "svc-30"], page.Items.Select(s => s.Name));
    }

    [Fact]
    public async Task ListServicesAsync_SortByTierDescending_ThenName()
    {
        var page = await Queries.ListServicesAsync(new ServiceQuery { SortBy = "tier", Descending = true, PageSize = 3 }, TestContext.Current.CancellationToken);
        Assert.All(page.Items, s => Assert.Equal(3, s.Tier));
        Assert.Equal(page.Items.Select(s => s.Name).Order(StringComparer.Ordinal), page.Items.Select(s => s.Name));
    }

    [Fact]
    public async Task ListServicesAsync_ServiceAddedAfterACountedQuery_TotalIncludesIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var queries = Queries;
        Assert.Equal(31, (await queries.ListServicesAsync(new ServiceQuery(), ct)).Total);
        Assert.Equal(31, (await queries.ListServicesAsync(new ServiceQuery { Page = 2 }, ct)).Total);

        await using (var db = Db.CreateContext())
        {
            db.Services.Add(new Service("newcomer"));
            await db.SaveChangesAsync(ct);
        }

        Assert.Equal(32, (await queries.ListServicesAsync(new ServiceQuery(), ct)).Total);
    }

    [Fact]
    public async Task ListServicesAsync_TagRemovedElsewhere_FilteredTotalFollows()
    {
        var ct = TestContext.Current.CancellationToken;
        var queries = Queries;
        Assert.Equal(6, (await queries.ListServicesAsync(new ServiceQuery { Tag = "pci" }, ct)).Total);

        await using (var db = Db.CreateContext())
        {
            (await db.Services.SingleAsync(s => s.Name == "svc-05", ct)).SetTags(["core"]);
            await db.SaveChangesAsync(ct);
        }

        Assert.Equal(5, (await queries.ListServicesAsync(new ServiceQuery { Tag = "pci" }, ct)).Total);
    }

    [Fact]
    public async Task ListServicesAsync_PageSizeAboveMaximum_IsClamped()
    {
        var page = await Queries.ListServicesAsync(new ServiceQuery { PageSize = 10_000 }, TestContext.Current.CancellationToken);
        Assert.Equal(ServiceQuery.MaxPageSize, page.PageSize);
    }

    [Fact]
    public async Task GetServiceAsync_UnknownName_ReturnsNull() =>
        Assert.Null(await Queries.GetServiceAsync("nope", TestContext.Current.CancellationToken));

    [Fact]
    public async Task ListTeamsAsync_CountsServicesPerTeam()
    {
        var page = await Queries.ListTeamsAsync(null, 1, 10, TestContext.Current.CancellationToken);
        Assert.Equal(15, page.Items.Single(t => t.Name == "payments-core").Services);
    }

    [Fact]
    public async Task CountsAsync_CountsWhatIsThere()
    {
        var counts = await Queries.CountsAsync(TestContext.Current.CancellationToken);
        Assert.Equal((31, 2, 1), (counts.Services, counts.Teams, counts.ServicesWithoutOwner));
    }
}

public sealed class SqliteCatalogQueriesTests() : CatalogQueriesTests(TestProvider.Sqlite);

public sealed class PostgresCatalogQueriesTests() : CatalogQueriesTests(TestProvider.Postgres);
