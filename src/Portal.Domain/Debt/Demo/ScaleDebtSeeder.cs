using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Domain.Common;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Persistence;
using Portal.Domain.Signals;

namespace Portal.Domain.Debt.Demo;

/// <summary>
/// Adds synthetic technical debt over the catalog <see cref="Portal.Domain.Demo.ScaleSeeder"/> generated
/// (<c>seed scale --services N --debt M</c>), so the register, the candidates and the scores can be measured at scale.
/// Deterministic for a seed: items affect one to three services, mostly near each other in the layered catalog, with
/// every signal, kind, quadrant and status represented; the owner is the owner of the most critical affected service.
/// Rows are written directly (like the scale catalog, it exists to measure reads), then every score is recomputed through
/// <see cref="DebtScores.RecomputeAllAsync"/>, the same path a change of the scoring tables takes.
/// </summary>
public sealed class ScaleDebtSeeder(IDbContextFactory<PortalDbContext> dbFactory, DebtScores scores, TimeProvider clock)
{
    /// <summary>Most items one call adds.</summary>
    public const int MaxItems = 500_000;

    private const int Batch = 2_000;

    private static readonly string[] Shortcuts =
    [
        "No retry budget on calls to", "Hand-rolled cache in front of", "Shared schema with", "No contract tests against",
        "Manual failover for", "Copy-pasted client for", "Synchronous call that could be an event to", "Missing runbook for",
        "Feature flag never removed around", "Flaky integration tests with", "Unowned cron job writing to", "Deprecated SDK talking to",
    ];

    private static readonly DebtStatus[] Statuses =
    [
        DebtStatus.Proposed, DebtStatus.Proposed, DebtStatus.Proposed, DebtStatus.Proposed, DebtStatus.Proposed, DebtStatus.Proposed, DebtStatus.Proposed,
        DebtStatus.Accepted, DebtStatus.Accepted, DebtStatus.Accepted, DebtStatus.Accepted,
        DebtStatus.Planned, DebtStatus.Planned, DebtStatus.Planned,
        DebtStatus.InProgress, DebtStatus.InProgress,
        DebtStatus.Done, DebtStatus.Done, DebtStatus.Done,
        DebtStatus.WontFix,
    ];

    /// <summary>Adds <paramref name="count"/> items over the scale catalog's services; refuses when there is no scale catalog or it already has debt.</summary>
    public async Task<ScaleDebtResult> SeedAsync(int count, int seed = 42, CancellationToken ct = default)
    {
        if (count is < 1 or > MaxItems)
        {
            throw new DomainValidationException("debt", $"must be between 1 and {MaxItems}");
        }

        var started = clock.GetTimestamp();
        var random = new Random(seed + 1);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var quarter = Quarter.Of(today);
        var open = 0;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var services = await db.Services.Include(s => s.OwnerTeam)
                .Where(s => s.Name.StartsWith("scale-svc-"))
                .OrderBy(s => s.Name)
                .ToListAsync(ct);
            if (services.Count == 0)
            {
                throw new DomainValidationException("debt", "there is no scale catalog to add debt to: run seed scale --services N first");
            }

            if (await db.DebtItems.AnyAsync(i => i.CreatedBy == "scale", ct))
            {
                throw new DomainValidationException("debt", "this scale catalog already has generated debt");
            }

            for (var i = 1; i <= count; i++)
            {
                var item = Generate(i, random, services, now, today, quarter);
                open += item.IsOpen ? 1 : 0;
                db.DebtItems.Add(item);
                if (i % Batch == 0 || i == count)
                {
                    await db.SaveChangesAsync(ct);
                }
            }
        }

        var written = clock.GetElapsedTime(started);
        var scoring = clock.GetTimestamp();
        var result = await scores.RecomputeAllAsync(ct);
        return new ScaleDebtResult(count, open, written, clock.GetElapsedTime(scoring), result.Changed);
    }

    private static DebtItem Generate(int i, Random random, List<Service> services, DateTime now, DateOnly today, Quarter quarter)
    {
        // Neighbours in the layered catalog call each other, so one shortcut usually spans a few nearby services.
        var first = random.Next(services.Count);
        var affected = Enumerable.Range(0, 1 + (random.Next(10) < 7 ? 0 : random.Next(1, 3)))
            .Select(k => services[Math.Min(services.Count - 1, first + (k * (1 + random.Next(20))))])
            .DistinctBy(s => s.Id)
            .ToList();
        var main = affected.MinBy(s => s.Tier)!;
        var signal = ScalingSignals.All[random.Next(ScalingSignals.All.Count)];
        var kind = (DebtKind)random.Next(Enum.GetValues<DebtKind>().Length);
        var quadrant = (DebtQuadrant)random.Next(Enum.GetValues<DebtQuadrant>().Length);
        var title = $"{Shortcuts[random.Next(Shortcuts.Length)]} {main.DisplayName} ({i})";
        var item = new DebtItem(title, signal, kind, quadrant, 1 + random.Next(5), 1 + random.Next(5), 0.5 * (1 + random.Next(40)), "scale", now);
        item.Describe(title, $"Generated for scale tests: a {kind.ToString().ToLowerInvariant()} shortcut around {main.Name}.", now);
        item.SetServices(affected, now);
        item.AssignOwner(main.OwnerTeam, false, now);
        item.RecordSource(DataSource.Demo, null, now);
        if (random.Next(3) == 0)
        {
            item.OverrideInterest(random.Next(0, 25), now);
        }

        if (quadrant is DebtQuadrant.DeliberatePrudent or DebtQuadrant.DeliberateReckless)
        {
            item.SetPayBackBy(today.AddDays(random.Next(-60, 180)), now);
        }

        var status = Statuses[random.Next(Statuses.Length)];
        if (status is DebtStatus.Planned or DebtStatus.InProgress or DebtStatus.Done)
        {
            item.SetTargetQuarter(random.Next(3) == 0 ? quarter.Next : quarter, now);
        }

        item.SetStatus(status, status == DebtStatus.WontFix ? "Retiring the service within the year." : null,
            status == DebtStatus.WontFix ? today.AddDays(30 + random.Next(150)) : null, today, now);
        return item;
    }
}
