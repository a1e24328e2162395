using Microsoft.EntityFrameworkCore;
using Portal.Domain.Auditing;
using Portal.Domain.Debt.Queries;
using Portal.Domain.Demo;
using Portal.Domain.Graph.Queries;
using Portal.Domain.Persistence;
using Portal.Domain.Reviews.Commands;
using Portal.Domain.Scorecards;
using Portal.Domain.Scorecards.Records;
using Portal.Domain.Signals;
using Portal.Domain.Scorecards.Evaluation;

namespace Portal.Domain.Reviews;

/// <summary>
/// The demo company's previous-quarter review, closed through the real close (<see cref="ReviewCloser"/>), with
/// findings, decisions and action items; afterwards one item is marked done, another grows into an initiative, and two
/// teams improve their answers, so this quarter's review has items to follow up and the comparison has something to show. Runs after the demo
/// company is loaded; does nothing once any review exists.
/// </summary>
public sealed class DemoReviewSeeder(
    IDbContextFactory<PortalDbContext> dbFactory, ScorecardEvaluation evaluation, FrameworkStore frameworks, GraphService graphs, OpenDebtReader debt, TimeProvider clock)
    : IDemoData
{
    private const string By = "erik.johansson";

    /// <summary>Last: the review closes over everything the other parts loaded.</summary>
    public int Order => 100;

    public string Name => "last quarter's review";

    /// <summary>Runs <see cref="SeedAsync"/> as the demo's last part: 1 when it closed a review, 0 when reviews existed.</summary>
    public async Task<int> LoadAsync(DemoContext context, CancellationToken ct) => await SeedAsync(ct) is null ? 0 : 1;

    /// <summary>Creates and closes the review; returns its quarter, or null when reviews exist already or the demo company is not loaded.</summary>
    public async Task<string?> SeedAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var quarter = Debt.Quarter.Of(today).Previous;
        Guid reviewId;
        DateTime heldAt;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await db.Reviews.AnyAsync(ct))
            {
                return null;
            }

            var teams = await db.Teams.AsNoTracking().Select(t => new { t.Id, t.Name }).ToDictionaryAsync(t => t.Name, t => t.Id, ct);
            var person = await db.People.AsNoTracking().Where(p => p.Name == By).Select(p => p.DisplayName).FirstOrDefaultAsync(ct);
            if (person is null || !teams.ContainsKey("payments-core") || !teams.ContainsKey("platform-infra") || !teams.ContainsKey("customer-experience"))
            {
                return null;
            }

            // Recorded during that quarter: due dates fall in this quarter, as they would have.
            var heldOn = quarter.End.AddDays(-10);
            heldAt = heldOn.ToDateTime(new TimeOnly(14, 0), DateTimeKind.Utc);
            var review = new Review(quarter, null, [], By, heldAt);
            db.Reviews.Add(review);
            reviewId = review.Id;
            db.ReviewNotes.AddRange(
                new ReviewNote(review.Id, ReviewNoteKind.Finding,
                    "Checkout's synchronous chain to the ledger is four hops deep; one slow posting stalls payment pages.", ScalingSignal.CascadingFailures, teams["payments-core"], By, person, heldAt),
                new ReviewNote(review.Id, ReviewNoteKind.Decision,
                    "Payments Core reserves **20% of next quarter's capacity** for timeouts and fallbacks on its outbound calls.", ScalingSignal.CascadingFailures, teams["payments-core"], By, person, heldAt),
                new ReviewNote(review.Id, ReviewNoteKind.Decision,
                    "Every team names an on-call rotation with at least two people before the next review.", ScalingSignal.TeamTopology, null, By, person, heldAt));
            var q = Debt.Quarter.Of(today);
            db.ActionItems.AddRange(
                new ActionItem(review.Id, new ActionItemEdit("Add timeouts and a fallback to every outbound call from checkout", null, teams["payments-core"], q.Start.AddDays(40),
                    ScalingSignal.CascadingFailures, ScoreLevel.Bronze), heldOn, By, person, heldAt),
                new ActionItem(review.Id, new ActionItemEdit("Define what healthy means for every tier-1 platform service", null, teams["platform-infra"], q.Start.AddDays(20),
                    ScalingSignal.Observability, ScoreLevel.Bronze), heldOn, By, person, heldAt),
                new ActionItem(review.Id, new ActionItemEdit("Write down who owns the storefront's data and who may write it", null, teams["customer-experience"], q.End.AddDays(-5),
                    ScalingSignal.DataModel), heldOn, By, person, heldAt));
            review.BeginClosing(heldAt);
            db.ReviewClosings.Add(new ReviewClosing(review.Id, review.Revision, By, person, heldAt));
            AuditLog.Record(db, Security.Actor.System, "reviews.demo.create", ReviewCommands.EntityType, review.Quarter, null, new { review.Quarter, Demo = true });
            await db.SaveChangesAsync(ct);
        }

        // The real close, on today's data, stamped with the day that quarter's review was held.
        await new ReviewCloser(dbFactory, evaluation, frameworks, graphs, debt, new FixedClock(heldAt.AddHours(2))).CloseAsync(reviewId, 1, ct);
        await FollowUpAsync(reviewId, now, ct);
        return quarter.ToString();
    }

    /// <summary>What happened since: platform defined health for its services (and said so), payments answered on idempotency.</summary>
    private async Task FollowUpAsync(Guid reviewId, DateTime now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await db.ActionItems.FirstAsync(a => a.ReviewId == reviewId && a.Signal == ScalingSignal.Observability, ct);
        item.MarkDone(By, "SLOs and alerts defined for the gateway, identity and notifications.", DateOnly.FromDateTime(now).AddDays(-3), now);
        var person = await db.People.AsNoTracking().Where(p => p.Name == By).Select(p => p.DisplayName).FirstAsync(ct);
        GrowInitiative(db, await db.ActionItems.FirstAsync(a => a.ReviewId == reviewId && a.Signal == ScalingSignal.CascadingFailures, ct), person, now);
        var services = await db.Services.AsNoTracking().Where(s => s.Name == "identity" || s.Name == "notifications").Select(s => s.Id).ToListAsync(ct);
        foreach (var id in services)
        {
            if (!await db.ScorecardAnswers.AnyAsync(a => a.ServiceId == id && a.CriterionKey == "healthy-defined", ct))
            {
                var answer = new SelfAssessment(id, "healthy-defined");
                answer.Answer(3, "Availability and latency objectives with paging alerts, agreed after the last review.", null, By, person, now.AddDays(-3), 180);
                db.ScorecardAnswers.Add(answer);
            }
        }

        await db.SaveChangesAsync(ct);
        await evaluation.EvaluateAllAsync(ct);
    }

    /// <summary>
    /// Payments Core grew its timeouts item into an initiative this quarter: every payments service at Silver on cascading
    /// failures by the end of next quarter, counted from the start of this one. Created after the close, so the closed
    /// review does not list it; this quarter's review does.
    /// </summary>
    private static void GrowInitiative(PortalDbContext db, ActionItem item, string person, DateTime now)
    {
        var today = DateOnly.FromDateTime(now);
        var quarter = Debt.Quarter.Of(today);
        var initiative = new Initiative(
            new InitiativeEdit("Every payments service at Silver on cascading failures",
                "Timeouts and a fallback on every outbound call first, then **bulkheads** between checkout and the ledger, so one slow posting cannot stall payment pages.",
                ScalingSignal.CascadingFailures, ScoreLevel.Silver, [item.OwnerTeamId], null, item.OwnerTeamId, quarter.Start, quarter.Next.End),
            item.Id, today, By, person, now);
        db.Initiatives.Add(initiative);
        item.LinkInitiative(initiative.Id, now);
        AuditLog.Record(db, Security.Actor.System, "initiatives.demo.create", Initiatives.InitiativeCommands.EntityType, initiative.Id.ToString(), null,
            new { initiative.Title, FromActionItem = item.Id, Demo = true });
    }

    private sealed class FixedClock(DateTime at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(at, TimeSpan.Zero);
    }
}
