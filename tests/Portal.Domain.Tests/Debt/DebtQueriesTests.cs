using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Debt.Queries;
using Portal.Domain.Signals;
using Portal.Testing;

namespace Portal.Domain.Tests.Debt;

public abstract class DebtQueriesTests(TestProvider provider) : DebtTestCatalog(provider)
{
    private Guid _high;
    private Guid _low;
    private Guid _done;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var commands = Commands();
        (_high, _) = await commands.CreateAsync(Root, Edit(title: "High", likelihood: 5, effort: 1), ct: Ct);
        (_low, _) = await commands.CreateAsync(Root, Edit(title: "Low", services: ["web-app"], likelihood: 1, effort: 20, signal: ScalingSignal.Observability), ct: Ct);
        (_done, _) = await commands.CreateAsync(Root, Edit(title: "Done", status: DebtStatus.Planned, quarter: "2026-Q4"), ct: Ct);
        await commands.SetStatusAsync(Root, new Dictionary<Guid, int> { [_done] = 0 }, new DebtStatusChange(DebtStatus.Done), Ct);
    }

    [Fact]
    public async Task ListAsync_Default_OpenItemsByPriorityWithTheirExplanation()
    {
        var page = await Queries().ListAsync(new DebtQuery(), Ct);

        Assert.Equal(2, page.Total);
        Assert.Equal([_high, _low], page.Items.Select(i => i.Id));
        var high = page.Items[0];
        Assert.Equal(high.CostOfDelay / high.EffortDays, high.Priority, 9);
        Assert.Equal(7, high.Score!.Factors.Count);
        Assert.Equal("payments-core", high.Owner!.Ref);
        Assert.Equal("Payments", high.Services.Single().DisplayName);
    }

    [Fact]
    public async Task ListAsync_CachedTotals_FollowEveryKindOfChange()
    {
        // One instance keeps its counts by the register's and the graph's versions: each change below must show.
        var queries = Queries();
        async Task<(int Open, int WebApp, int Web)> Totals() => (
            (await queries.ListAsync(new DebtQuery(), Ct)).Total,
            (await queries.ListAsync(new DebtQuery { Service = "web-app" }, Ct)).Total,
            (await queries.ListAsync(new DebtQuery { Team = "web", Status = "all" }, Ct)).Total);
        Assert.Equal((2, 1, 1), await Totals());
        Assert.Equal((2, 1, 1), await Totals());

        // A new item.
        var (extra, _) = await Commands().CreateAsync(Root, Edit(title: "Extra", services: ["web-app"]), ct: Ct);
        Assert.Equal((3, 2, 2), await Totals());

        // A status change: Won't fix leaves the open view.
        await Commands().SetStatusAsync(Root, new Dictionary<Guid, int> { [extra] = 0 }, new DebtStatusChange(DebtStatus.WontFix, null, "Retired next year", Today.AddDays(10)), Ct);
        Assert.Equal((2, 1, 2), await Totals());

        // An edit of the services moves an item between filters (and to the new services' owner).
        await Commands().UpdateAsync(Root, _low, Edit(title: "Low", services: ["payments"], likelihood: 1, effort: 20, signal: ScalingSignal.Observability), 0, ct: Ct);
        Assert.Equal((2, 0, 1), await Totals());

        // The look-again date brings the Won't-fix item back into the open view on the day.
        Clock.Advance(TimeSpan.FromDays(10));
        Assert.Equal((3, 1, 1), await Totals());

        // Deleting a service takes its links with it in the database, without touching the items.
        await using (var db = Db.CreateContext())
        {
            db.Services.Remove(await db.Services.SingleAsync(s => s.Name == "web-app", Ct));
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal((3, 0, 1), await Totals());
        Assert.Empty((await queries.ListAsync(new DebtQuery { Service = "web-app" }, Ct)).Items);
    }

    [Fact]
    public async Task ListAsync_EachRow_IsWhatTheItemReadInFullSays()
    {
        // A page reads only the columns its rows show and the page's services in one query; every row must still say
        // exactly what the item read whole says: owner, services most critical first (with their owners), numbers,
        // the explanation with its blast radius.
        var (both, _) = await Commands().CreateAsync(Root, Edit(title: "Both", services: ["web-app", "checkout", "payments"], likelihood: 4, effort: 2), ct: Ct);
        var page = await Queries().ListAsync(new DebtQuery { Status = "all" }, Ct);

        Assert.Equal(4, page.Items.Count);
        Assert.Equal(["payments", "checkout", "web-app"], page.Items.Single(i => i.Id == both).Services.Select(s => s.Ref));
        foreach (var row in page.Items)
        {
            var whole = (await Queries().GetAsync(row.Id, Ct))!.Summary;
            Assert.Equal(JsonSerializer.Serialize(whole), JsonSerializer.Serialize(row));
        }
    }

    [Theory]
    [InlineData("all", 3)]
    [InlineData("closed", 1)]
    [InlineData("done", 1)]
    [InlineData("in-progress", 0)]
    public async Task ListAsync_StatusFilter_CountsWhatItSays(string status, int total) =>
        Assert.Equal(total, (await Queries().ListAsync(new DebtQuery { Status = status }, Ct)).Total);

    [Fact]
    public async Task ListAsync_Filters_TeamServiceSignalQuarterAndText()
    {
        var queries = Queries();
        Assert.Equal([_low], (await queries.ListAsync(new DebtQuery { Team = "web" }, Ct)).Items.Select(i => i.Id));
        Assert.Equal([_high], (await queries.ListAsync(new DebtQuery { Service = "payments" }, Ct)).Items.Select(i => i.Id));
        Assert.Equal([_low], (await queries.ListAsync(new DebtQuery { Signal = ScalingSignal.Observability }, Ct)).Items.Select(i => i.Id));
        Assert.Equal([_done], (await queries.ListAsync(new DebtQuery { Quarter = "2026-q4", Status = "all" }, Ct)).Items.Select(i => i.Id));
        Assert.Equal([_high], (await queries.ListAsync(new DebtQuery { Q = "HIGH" }, Ct)).Items.Select(i => i.Id));
    }

    [Fact]
    public async Task ListAsync_SortByTitle_IsAlphabeticalAndPaged()
    {
        var page = await Queries().ListAsync(new DebtQuery { Sort = "title", Status = "all", PageSize = 2, Page = 2 }, Ct);
        Assert.Equal(3, page.Total);
        Assert.Equal([_low], page.Items.Select(i => i.Id));
    }

    [Theory]
    [InlineData("sort", "loudness", null)]
    [InlineData("status", null, "sleeping")]
    public async Task ListAsync_UnknownSortOrStatus_NamesTheField(string field, string? sort, string? status) =>
        Assert.Equal(field, (await Assert.ThrowsAsync<DomainValidationException>(() => Queries().ListAsync(new DebtQuery { Sort = sort, Status = status }, Ct))).Field);

    [Fact]
    public async Task TotalsAsync_EveryStatus_CountsAndSumsEveryItem()
    {
        var all = new DebtQuery { Status = "all" };
        var items = (await Queries().ListAsync(all, Ct)).Items;

        var totals = await Queries().TotalsAsync(all, Ct);

        Assert.Equal(3, totals.Items);
        Assert.Equal(items.Sum(i => i.CostOfDelay), totals.CostOfDelay, 6);
        Assert.Equal(items.Sum(i => i.EffortDays), totals.EffortDays, 6);
    }

    [Fact]
    public async Task TotalsAsync_NothingMatches_IsZero() =>
        Assert.Equal(new DebtTotals(0, 0, 0), await Queries().TotalsAsync(new DebtQuery { Q = "nothing is called this" }, Ct));

    [Fact]
    public async Task GetAsync_Item_HasReportsAndTheSameNumbersAsTheList()
    {
        await Commands().AddReportAsync(Val, _high, new NewDebtReport(Today, 3, "Paged at 3 a.m.", null), Ct);

        var item = await Queries().GetAsync(_high, Ct);

        Assert.NotNull(item);
        Assert.Equal("Retries can **double-charge**.", item.Description);
        Assert.True(item.Reports.Single().Counts);
        var listed = (await Queries().ListAsync(new DebtQuery(), Ct)).Items.Single(i => i.Id == _high);
        Assert.Equal(listed.CostOfDelay, item.Summary.CostOfDelay, 9);
        Assert.Equal(1, item.Score.Values.InterestHoursPerMonth, 9);
    }

    [Fact]
    public async Task ListAsync_PageFarPastTheEnd_IsEmptyWithTheTotal()
    {
        var page = await Queries().ListAsync(new DebtQuery { Status = "all", PageSize = 2, Page = int.MaxValue }, Ct);

        Assert.Equal((int.MaxValue, 3), (page.PageNumber, page.Total));
        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task ListAsync_WontFixWhoseLookAgainDateCame_IsBackInTheOpenView()
    {
        await Commands().SetStatusAsync(Root, new Dictionary<Guid, int> { [_low] = 0 }, new DebtStatusChange(DebtStatus.WontFix, null, "Retired next year", Today.AddDays(10)), Ct);
        Assert.DoesNotContain(_low, (await Queries().ListAsync(new DebtQuery(), Ct)).Items.Select(i => i.Id));

        Clock.Advance(TimeSpan.FromDays(10));

        var open = await Queries().ListAsync(new DebtQuery(), Ct);
        var due = await Queries().ListAsync(new DebtQuery { Status = "look-again" }, Ct);
        Assert.True(open.Items.Single(i => i.Id == _low).IsLookAgainDue(Today));
        Assert.Equal([_low], due.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task HistoryAsync_AfterAnEdit_ListsTheChangedFieldsNewestFirst()
    {
        await Commands().UpdateAsync(Root, _low, Edit(title: "Low, renamed", services: ["web-app"], likelihood: 2, effort: 20, signal: ScalingSignal.Observability), 0, ct: Ct);

        var history = await Queries().HistoryAsync(_low, ct: Ct);

        Assert.Equal(["debt.update", "debt.create"], history.Select(h => h.Action));
        var changes = history[0].Changes.ToDictionary(c => c.Field);
        Assert.Equal(["likelihood", "title"], changes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("Low", "Low, renamed"), (changes["title"].Before, changes["title"].After));
    }
}

public sealed class SqliteDebtQueriesTests() : DebtQueriesTests(TestProvider.Sqlite);

public sealed class PostgresDebtQueriesTests() : DebtQueriesTests(TestProvider.Postgres);
