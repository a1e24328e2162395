using Portal.Domain.Catalog;
using Portal.Domain.Catalog.Queries;
using Portal.Testing;

namespace Portal.Domain.Tests.Catalog;

/// <summary>Pickers and search rank by name: the exact name first, then names and titles that start with the text, then the rest.</summary>
public abstract class NameSearchTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Db.CreateContext();
        var accounting = new Service("accounting-sync", "Accounting sync");
        accounting.Describe("Accounting sync", "Copies every ledger entry to the accounting system overnight.");
        var ledger = new Service("ledger");
        ledger.Describe("Ledger", "Double-entry bookkeeping.");
        db.Services.AddRange(accounting, ledger, new Service("ledger-recon", "Ledger reconciliation"), new Service("payments", "Payments API"),
            new Service("payments-gateway"), new Service("pay-portal", "Pay portal"), new Service("core-banking", "Core banking"), new Service("airbank", "Airbank"));
        for (var i = 1; i <= 12; i++)
        {
            db.Services.Add(new Service($"payments-job-{i:00}"));
        }

        db.Teams.AddRange(new Team("payments-core", "Payments Core"), new Team("web", "Web"), new Team("sre", "SRE", "ops"));
        db.People.AddRange(new Person("tomas.reyes", "Tomás Reyes"), new Person("tom", "Tom Berg"), new Person("ada.okafor", "Ada Okafor"));
        db.Systems.Add(new SoftwareSystem("payments-platform", "Payments platform"));
        await db.SaveChangesAsync(Ct);
    }

    private DisplayNameQueries Names => new(Db.Factory);

    private SearchQueries Search => new(Db.Factory);

    [Fact]
    public async Task SuggestAsync_ExactName_ComesFirstThenPrefixThenDescription()
    {
        var suggestions = await Names.SuggestAsync(SuggestionKind.Service, "ledger", 20, Ct);

        Assert.Equal(["ledger", "ledger-recon", "accounting-sync"], suggestions.Select(s => s.Ref));
        Assert.Equal(new NamedRef("ledger", "Ledger"), suggestions[0]);
    }

    [Fact]
    public async Task SuggestAsync_WordOfTheTitle_RanksBeforeAMatchInsideAWord()
    {
        var suggestions = await Names.SuggestAsync(SuggestionKind.Service, "bank", 20, Ct);

        Assert.Equal(["core-banking", "airbank"], suggestions.Select(s => s.Ref));
    }

    [Fact]
    public async Task SuggestAsync_People_DisplayNameWithTheReferenceBeside()
    {
        var suggestions = await Names.SuggestAsync(SuggestionKind.Person, "tom", 20, Ct);

        Assert.Equal([new NamedRef("tom", "Tom Berg"), new NamedRef("tomas.reyes", "Tomás Reyes")], suggestions);
        Assert.Equal("tomas.reyes", suggestions[1].Secondary);
    }

    [Fact]
    public async Task SuggestAsync_NothingTyped_AlphabeticalByDisplayName()
    {
        var suggestions = await Names.SuggestAsync(SuggestionKind.Team, null, 20, Ct);

        Assert.Equal(["Payments Core", "SRE", "Web"], suggestions.Select(s => s.DisplayName));
        Assert.Equal("ops/sre", suggestions[1].Ref);
    }

    [Fact]
    public async Task FindAsync_KnownAndUnknownReference_NameOrNull()
    {
        Assert.Equal(new NamedRef("ops/sre", "SRE"), await Names.FindAsync(SuggestionKind.Team, "ops/sre", Ct));
        Assert.Null(await Names.FindAsync(SuggestionKind.Team, "sre", Ct));
        Assert.Null(await Names.FindAsync(SuggestionKind.Team, "  ", Ct));
    }

    [Fact]
    public async Task SearchAsync_Payments_GroupsByKindBestMatchFirstAndCountsAll()
    {
        var groups = await Search.SearchAsync("payments", 4, Ct);

        Assert.Equal([SearchKind.Service, SearchKind.Team, SearchKind.System], groups.Select(g => g.Kind));
        var services = groups[0];
        Assert.Equal(("payments", MatchRank.Exact), (services.Hits[0].Name, services.Hits[0].Rank));
        Assert.Equal((4, 14), (services.Hits.Count, services.Total));
        var team = Assert.Single(groups[1].Hits);
        Assert.Equal(("Payments Core", "/teams/payments-core"), (team.DisplayName, team.Url));
    }

    [Fact]
    public async Task SearchAsync_ExactTitleOfATeam_PutsTheTeamsFirst()
    {
        var groups = await Search.SearchAsync("Payments Core", 5, Ct);

        Assert.Equal(SearchKind.Team, groups[0].Kind);
        Assert.Equal(MatchRank.Exact, groups[0].BestRank);
    }

    [Fact]
    public async Task SearchKindAsync_SecondPage_RestOfTheKindBestFirst()
    {
        var first = await Search.SearchKindAsync("payments", SearchKind.Service, 1, 10, Ct);
        var second = await Search.SearchKindAsync("payments", SearchKind.Service, 2, 10, Ct);

        Assert.Equal((14, 10, 4), (first.Total, first.Items.Count, second.Items.Count));
        Assert.Equal("payments", first.Items[0].Name);
        Assert.Empty(first.Items.Select(h => h.Name).Intersect(second.Items.Select(h => h.Name)));
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("   ")]
    public async Task SearchAsync_WildcardsOrBlank_FindNothing(string text) =>
        Assert.Empty(await Search.SearchAsync(text, 5, Ct));

    [Fact]
    public async Task SearchAsync_Description_HitCarriesItsStart()
    {
        var groups = await Search.SearchAsync("overnight", 5, Ct);

        var hit = Assert.Single(Assert.Single(groups).Hits);
        Assert.Equal(("accounting-sync", MatchRank.Elsewhere), (hit.Name, hit.Rank));
        Assert.StartsWith("Copies every ledger entry", hit.Summary, StringComparison.Ordinal);
    }
}

public sealed class SqliteNameSearchTests() : NameSearchTests(TestProvider.Sqlite);

public sealed class PostgresNameSearchTests() : NameSearchTests(TestProvider.Postgres);
