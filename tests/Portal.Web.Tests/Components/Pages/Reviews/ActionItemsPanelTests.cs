using Bunit;
using Microsoft.AspNetCore.Components;
using Portal.Domain.Reviews;
using Portal.Domain.Reviews.Queries;
using Portal.Domain.Scorecards;
using Portal.Domain.Signals;
using Portal.Web.Components.Pages.Reviews;

namespace Portal.Web.Tests.Components.Pages.Reviews;

/// <summary>A review's action items: turning one into a debt item, and the link once it is one.</summary>
public sealed class ActionItemsPanelTests : ComponentTest
{
    private static ActionItemDto Item(Guid? debt = null) => new(
        Guid.NewGuid(), "2026-Q4", "Add timeouts to every outbound call", null, "payments-core", "Payments Core", new DateOnly(2027, 2, 15),
        ScalingSignal.CascadingFailures, ScoreLevel.Silver, null, null, ActionItemStatus.Open, null, null, false, 1, 3, debt, null, 0);

    [Theory]
    [InlineData(true, 15, "open")] // the server's UTC day is already the 16th; where the viewer is, it is still the 15th
    [InlineData(false, 16, "missed")] // the server says not yet; the viewer's day is past the due date
    [InlineData(true, 14, "open")]
    public void Status_IsMissedOnTheViewersDay_NotTheServers(bool missedOnTheServer, int viewersDay, string shown)
    {
        var item = Item() with { Missed = missedOnTheServer };
        var panel = Render<ActionItemsPanel>(p => p
            .Add(x => x.Items, [item])
            .Add(x => x.Today, new DateOnly(2027, 2, viewersDay)));

        Assert.Contains(panel.FindAll(".mud-chip"), c => c.TextContent.Trim() == shown);
    }

    [Fact]
    public void LogAsDebt_Clicked_HandsTheItemToThePage()
    {
        var item = Item();
        ActionItemDto? asked = null;
        var panel = Render<ActionItemsPanel>(p => p
            .Add(x => x.Items, [item])
            .Add(x => x.CanUpdate, true)
            .Add(x => x.CanLogDebt, true)
            .Add(x => x.OnDebt, EventCallback.Factory.Create<ActionItemDto>(this, i => asked = i)));

        panel.Find("button[data-testid=action-make-debt]").Click();

        Assert.Same(item, asked);
        Assert.Empty(panel.FindAll("[data-testid=action-debt-link]"));
    }

    [Fact]
    public void Render_ItemAlreadyDebt_LinksToItAndOffersNoSecond()
    {
        var debt = Guid.NewGuid();
        var panel = Render<ActionItemsPanel>(p => p
            .Add(x => x.Items, [Item(debt)])
            .Add(x => x.CanUpdate, true)
            .Add(x => x.CanLogDebt, true)
            .Add(x => x.OnDebt, EventCallback.Factory.Create<ActionItemDto>(this, _ => { })));

        Assert.Equal($"/debt/{debt}", panel.Find("[data-testid=action-debt-link] a").GetAttribute("href"));
        Assert.Empty(panel.FindAll("button[data-testid=action-make-debt]"));
    }

    [Fact]
    public void EditAndDelete_OpenReview_HandTheItemToThePage()
    {
        var item = Item();
        var (edited, deleted) = (new List<ActionItemDto>(), new List<ActionItemDto>());
        var panel = Render<ActionItemsPanel>(p => p
            .Add(x => x.Items, [item])
            .Add(x => x.CanEdit, true)
            .Add(x => x.OnEdit, EventCallback.Factory.Create<ActionItemDto>(this, edited.Add))
            .Add(x => x.OnDelete, EventCallback.Factory.Create<ActionItemDto>(this, deleted.Add)));

        panel.Find("button[data-testid=action-edit]").Click();
        panel.Find("button[data-testid=action-delete]").Click();

        Assert.Same(item, Assert.Single(edited));
        Assert.Same(item, Assert.Single(deleted));
    }

    [Fact]
    public void Render_ClosedReview_NoEditDeleteOrLogAsDebtButStatusStillChanges()
    {
        // As the review page renders a closed review: status updates on, recording off.
        var panel = Render<ActionItemsPanel>(p => p
            .Add(x => x.Items, [Item()])
            .Add(x => x.CanUpdate, true)
            .Add(x => x.CanEdit, false)
            .Add(x => x.CanLogDebt, false)
            .Add(x => x.OnEdit, EventCallback.Factory.Create<ActionItemDto>(this, _ => { }))
            .Add(x => x.OnDelete, EventCallback.Factory.Create<ActionItemDto>(this, _ => { }))
            .Add(x => x.OnDebt, EventCallback.Factory.Create<ActionItemDto>(this, _ => { })));

        Assert.Empty(panel.FindAll("button[data-testid=action-edit]"));
        Assert.Empty(panel.FindAll("button[data-testid=action-delete]"));
        Assert.Empty(panel.FindAll("button[data-testid=action-make-debt]"));
        Assert.Single(panel.FindAll("button"), b => b.TextContent.Trim() == "Done");
    }

    [Fact]
    public void Render_AnotherTeamsItemInAnOpenReview_NoEditDeleteOrStatus()
    {
        var (mine, theirs) = (Item() with { Title = "Mine" }, Item() with { Title = "Theirs" });
        var panel = Render<ActionItemsPanel>(p => p
            .Add(x => x.Items, [mine, theirs])
            .Add(x => x.CanEdit, true)
            .Add(x => x.CanUpdate, true)
            .Add(x => x.MayChange, i => i.Title == "Mine")
            .Add(x => x.OnEdit, EventCallback.Factory.Create<ActionItemDto>(this, _ => { }))
            .Add(x => x.OnDelete, EventCallback.Factory.Create<ActionItemDto>(this, _ => { })));

        Assert.Equal("Edit 'Mine'", Assert.Single(panel.FindAll("button[data-testid=action-edit]")).GetAttribute("aria-label"));
        Assert.Equal("Delete 'Mine'", Assert.Single(panel.FindAll("button[data-testid=action-delete]")).GetAttribute("aria-label"));
        Assert.Equal("Mark 'Mine' done", Assert.Single(panel.FindAll("button[aria-label^='Mark']")).GetAttribute("aria-label"));
    }

    [Fact]
    public void Render_CanGrow_OffersGrowOnlyOnItemsTheViewerMayChangeThatHaveNoInitiative()
    {
        var initiative = Guid.NewGuid();
        var (mine, theirs, grown) = (Item() with { Title = "Mine" }, Item() with { Title = "Theirs" }, Item() with { Title = "Grown", InitiativeId = initiative });
        var panel = Render<ActionItemsPanel>(p => p
            .Add(x => x.Items, [mine, theirs, grown])
            .Add(x => x.CanGrow, true)
            .Add(x => x.MayChange, i => i.Title != "Theirs"));

        var grow = Assert.Single(panel.FindAll("a[data-testid=action-grow]"));
        Assert.Equal($"/initiatives/new?fromActionItem={mine.Id}", grow.GetAttribute("href"));
        Assert.Equal("Grow into initiative: Mine", grow.GetAttribute("aria-label"));
        Assert.Equal($"/initiatives/{initiative}", panel.Find("[data-testid=action-initiative-link] a").GetAttribute("href"));
    }

    [Fact]
    public void Render_CannotGrow_NoGrowButtonButTheLinkToAnInitiativeStays()
    {
        var initiative = Guid.NewGuid();
        var panel = Render<ActionItemsPanel>(p => p.Add(x => x.Items, [Item(), Item() with { InitiativeId = initiative }]));

        Assert.Empty(panel.FindAll("[data-testid=action-grow]"));
        Assert.Equal($"/initiatives/{initiative}", panel.Find("[data-testid=action-initiative-link] a").GetAttribute("href"));
    }
}
