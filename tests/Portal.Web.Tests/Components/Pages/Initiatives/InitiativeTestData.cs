using Microsoft.EntityFrameworkCore;
using Portal.Domain.Persistence;
using Portal.Domain.Reviews;
using Portal.Domain.Reviews.Initiatives;
using Portal.Domain.Scorecards;
using Portal.Domain.Security;
using Portal.Domain.Security.Queries;
using Portal.Domain.Signals;

namespace Portal.Web.Tests.Components.Pages.Initiatives;

/// <summary>Initiatives and action items on the demo company, written through the domain as a person would.</summary>
internal static class InitiativeTestData
{
    public static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    public static DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    public static async Task<Actor> AdminAsync(IDbContextFactory<PortalDbContext> factory) =>
        (await new ActorDirectory(factory).ForPersonAsync("erik.johansson"))!;

    public static InitiativeInput Payments(string title = "Payments resilience", ScalingSignal signal = ScalingSignal.CascadingFailures) =>
        new(title, "Timeouts **first**.", signal, ScoreLevel.Silver, ["payments-core"], 1, "payments-core", Today.AddDays(-30), Today.AddDays(60));

    /// <summary>An open review of this quarter with one action item of Payments Core on cascading failures; returns the item's id.</summary>
    public static async Task<Guid> ActionItemAsync(IDbContextFactory<PortalDbContext> factory, string title = "Timeouts on every outbound call")
    {
        await using var db = await factory.CreateDbContextAsync();
        var team = await db.Teams.Where(t => t.Name == "payments-core").Select(t => t.Id).SingleAsync();
        var review = new Review(Portal.Domain.Debt.Quarter.Of(Today), null, [], "erik.johansson", Now.UtcDateTime);
        var item = new ActionItem(review.Id, new ActionItemEdit(title, "Start with the ledger.", team, Today.AddDays(45), ScalingSignal.CascadingFailures, ScoreLevel.Silver),
            Today, "erik.johansson", "Erik Johansson", Now.UtcDateTime);
        db.Reviews.Add(review);
        db.ActionItems.Add(item);
        await db.SaveChangesAsync();
        return item.Id;
    }
}
