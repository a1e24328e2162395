using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Common;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Debt.Demo;
using Portal.Domain.Demo;
using Portal.Domain.Graph.Queries;
using Portal.Testing;

namespace Portal.Domain.Tests.Debt;

/// <summary><c>seed scale --debt N</c>: synthetic debt over the scale catalog, every item scored.</summary>
public abstract class ScaleDebtSeederTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ScaleDebtSeeder Seeder() => new(Db.Factory, new DebtScores(Db.Factory, new GraphService(Db.Factory), _clock), _clock);

    [Fact]
    public async Task SeedAsync_ScaleCatalog_AddsScoredItemsOverItsServicesOwnedByTheMostCriticalOnesTeam()
    {
        await new ScaleSeeder(Db.Factory, _clock).SeedAsync(new ScaleSpec(200), Ct);

        var result = await Seeder().SeedAsync(600, ct: Ct);

        await using var db = Db.CreateContext();
        var items = await db.DebtItems.AsNoTracking().Include(i => i.Services).ThenInclude(s => s.Service).ToListAsync(Ct);
        Assert.Equal(600, items.Count);
        Assert.Equal(600, result.Items);
        Assert.Equal(items.Count(i => i.IsOpen), result.Open);
        Assert.Equal(600, result.ScoredItems);
        Assert.All(items, i => Assert.NotNull(i.ScoredAt));
        Assert.All(items, i => Assert.True(i.CostOfDelay > 0 && i.Priority > 0, i.Title));
        Assert.All(items, i => Assert.InRange(i.Services.Count, 1, 3));
        Assert.All(items, i =>
        {
            var mostCritical = i.Services.Min(s => s.Service.Tier);
            Assert.Contains(i.OwnerTeamId, i.Services.Where(s => s.Service.Tier == mostCritical).Select(s => s.Service.OwnerTeamId));
        });
        Assert.Equal(Enum.GetValues<DebtStatus>().Length, items.Select(i => i.Status).Distinct().Count());
        Assert.All(items.Where(i => i.Status == DebtStatus.Planned), i => Assert.NotNull(i.TargetQuarter));
    }

    [Fact]
    public async Task SeedAsync_SameSeedTwice_GivesTheSameItems()
    {
        await new ScaleSeeder(Db.Factory, _clock).SeedAsync(new ScaleSpec(100), Ct);
        await Seeder().SeedAsync(50, seed: 7, ct: Ct);
        await using var db = Db.CreateContext();
        var first = await db.DebtItems.AsNoTracking().OrderBy(i => i.Title).Select(i => new { i.Title, i.Status, i.Likelihood, i.Impact, i.EffortDays }).ToListAsync(Ct);
        db.DebtItems.RemoveRange(db.DebtItems);
        await db.SaveChangesAsync(Ct);

        await Seeder().SeedAsync(50, seed: 7, ct: Ct);

        var second = await db.DebtItems.AsNoTracking().OrderBy(i => i.Title).Select(i => new { i.Title, i.Status, i.Likelihood, i.Impact, i.EffortDays }).ToListAsync(Ct);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task SeedAsync_NoScaleCatalog_RefusesNamingWhatToRunFirst()
    {
        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => Seeder().SeedAsync(10, ct: Ct));

        Assert.Equal("debt", ex.Field);
        Assert.Contains("seed scale --services N", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeedAsync_Twice_RefusesTheSecondTime()
    {
        await new ScaleSeeder(Db.Factory, _clock).SeedAsync(new ScaleSpec(50), Ct);
        await Seeder().SeedAsync(10, ct: Ct);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => Seeder().SeedAsync(10, ct: Ct));

        Assert.Contains("already has generated debt", ex.Reason, StringComparison.Ordinal);
    }
}

public sealed class SqliteScaleDebtSeederTests() : ScaleDebtSeederTests(TestProvider.Sqlite);

public sealed class PostgresScaleDebtSeederTests() : ScaleDebtSeederTests(TestProvider.Postgres);
