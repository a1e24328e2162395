using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Components.Pages.Scorecards;
using Portal.Domain.Scorecards.Evaluation;

namespace Portal.Web.Tests.Components.Pages.Scorecards;

/// <summary>
/// The note a page shows while it reads stored scorecards and a background pass re-evaluates every service: it says
/// so, and asks the page to reload when the pass ends, also when the pass ended while the page was still reading.
/// </summary>
public sealed class ScorecardFreshnessNoteTests : ComponentTest
{
    private static readonly ScorecardFreshness Stale = new(false, new DateTime(2026, 12, 7, 1, 30, 0, DateTimeKind.Utc), true);
    private static readonly ScorecardFreshness Fresh = new(true, new DateTime(2026, 12, 7, 1, 30, 0, DateTimeKind.Utc), false);

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private int _reloads;

    private IRenderedComponent<ScorecardFreshnessNote> RenderNote(ScorecardFreshness? freshness) =>
        Render<ScorecardFreshnessNote>(p => p
            .Add(x => x.Freshness, freshness)
            .Add(x => x.Refreshed, EventCallback.Factory.Create(this, () => _reloads++)));

    private Task PassEndsAsync() => Services.GetRequiredService<ScorecardEvaluation>().EvaluateAllAsync(Ct);

    [Fact]
    public void Render_Stale_SaysAsOfAndBackgroundPassInAStatus()
    {
        var note = RenderNote(Stale);

        var status = note.Find("[data-testid=scorecard-freshness] [role=status]");
        Assert.Contains("Results as of", status.TextContent, StringComparison.Ordinal);
        Assert.Contains("re-evaluated in the background", status.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Fresh_ShowsNothing()
    {
        var note = RenderNote(Fresh);

        Assert.Empty(note.FindAll("[data-testid=scorecard-freshness]"));
    }

    [Fact]
    public async Task PassEnds_WhileShowingStale_AsksForReload()
    {
        var note = RenderNote(Stale);

        await PassEndsAsync();

        note.WaitForAssertion(() => Assert.Equal(1, _reloads));
    }

    [Fact]
    public async Task PassEnds_WhilePageStillReading_AsksForReloadOnceStaleArrives()
    {
        var note = RenderNote(null);

        await PassEndsAsync();
        Assert.Equal(0, _reloads);
        note.Render(p => p.Add(x => x.Freshness, Stale));

        note.WaitForAssertion(() => Assert.Equal(1, _reloads));
    }

    [Fact]
    public async Task PassEnds_WhilePageStillReading_NoReloadWhenItReadFresh()
    {
        var note = RenderNote(null);

        await PassEndsAsync();
        note.Render(p => p.Add(x => x.Freshness, Fresh));
        note.Render(p => p.Add(x => x.Freshness, Stale));

        Assert.Equal(0, _reloads);
    }
}
