using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Domain.Common;
using Portal.Domain.OnCall;
using Portal.Domain.OnCall.Queries;
using Portal.Testing;

namespace Portal.Domain.Tests.OnCall;

/// <summary>
/// payments-core: primary weekly ada → bob → cy from Mon 2026-01-05 09:00 Berlin (08:00Z), with cy
/// covering 2026-01-07; secondary daily dan → erin at 09:00 New York (14:00Z), with finn covering
/// 2026-01-20 14:00Z for a day. ops/sre: a primary rotation with nobody in it.
/// </summary>
public abstract class OnCallQueriesTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private OnCallQueries Queries => new(Db.Factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset Utc(string iso) =>
        DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Db.CreateContext();
        var payments = new Team("payments-core", "Payments Core");
        var sre = new Team("sre", "SRE", "ops");
        var ada = new Person("ada", "Ada Lovelace", "ada@example.com");
        ada.SetPhone("+44 20 7946 0958");
        var bob = new Person("bob");
        var cy = new Person("cy");
        var dan = new Person("dan");
        var erin = new Person("erin");
        var finn = new Person("finn");
        var gus = new Person("gus");

        var primary = OnCallRotation.Create(payments, OnCallLevel.Primary, "Payments primary", 1, ShiftUnit.Weeks, new TimeOnly(9, 0), "Europe/Berlin", new DateOnly(2026, 1, 5));
        primary.SetParticipants([ada, bob, cy]);
        primary.AddOverride(cy, Utc("2026-01-07T00:00Z").UtcDateTime, Utc("2026-01-08T00:00Z").UtcDateTime);
        primary.LinkExternalSchedule(ExternalScheduleProvider.PagerDuty, "PABC123");

        var secondary = new OnCallRotation(payments, OnCallLevel.Secondary, "Payments secondary", 1, new TimeOnly(9, 0), "America/New_York", new DateOnly(2026, 1, 5));
        secondary.SetParticipants([dan, erin]);
        secondary.AddOverride(finn, Utc("2026-01-20T14:00Z").UtcDateTime, Utc("2026-01-21T14:00Z").UtcDateTime);

        var empty = new OnCallRotation(sre, OnCallLevel.Primary, "SRE primary", 7, new TimeOnly(10, 0), "UTC", new DateOnly(2026, 1, 5));

        db.AddRange(payments, sre, ada, bob, cy, dan, erin, finn, gus);
        db.OnCallRotations.AddRange(primary, secondary, empty);
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task ForTeamAsync_TwoLevels_PrimaryFirstWithNowUntilAndNext()
    {
        var team = await Queries.ForTeamAsync("payments-core", Utc("2026-01-06T12:00Z"), Ct);

        Assert.Equal([OnCallLevel.Primary, OnCallLevel.Secondary], team.Levels.Select(l => l.Level));
        var primary = team.Levels[0];
        Assert.Equal(new OnCallPersonDto("ada", "default", "Ada Lovelace", "ada@example.com", "+44 20 7946 0958"), primary.Now);
        Assert.Equal(Utc("2026-01-07T00:00Z"), primary.Until);
        Assert.Equal(("cy", Utc("2026-01-07T00:00Z")), (primary.Next?.Name, primary.NextFrom));
    }

    [Fact]
    public async Task ForTeamAsync_OverrideOnPrimary_SecondaryUnaffected()
    {
        var team = await Queries.ForTeamAsync("payments-core", Utc("2026-01-07T12:00Z"), Ct);

        var primary = team.Levels.Single(l => l.Level == OnCallLevel.Primary);
        var secondary = team.Levels.Single(l => l.Level == OnCallLevel.Secondary);
        Assert.Equal(("cy", true), (primary.Now?.Name, primary.NowIsOverride));
        Assert.Equal(("erin", false, Utc("2026-01-07T14:00Z")), (secondary.Now?.Name, secondary.NowIsOverride, secondary.Until));
    }

    [Fact]
    public async Task ForTeamAsync_LinkedSchedule_ReturnsExternalUrl()
    {
        var team = await Queries.ForTeamAsync("payments-core", Utc("2026-01-06T12:00Z"), Ct);

        Assert.Equal("https://app.pagerduty.com/schedules/PABC123", team.Levels[0].ExternalScheduleUrl);
    }

    [Fact]
    public async Task ForTeamAsync_NamespacedTeamWithEmptyRotation_ReturnsNobodyAndWarning()
    {
        var team = await Queries.ForTeamAsync("ops/sre", Utc("2026-01-06T12:00Z"), Ct);

        var level = Assert.Single(team.Levels);
        Assert.Null(level.Now);
        Assert.Equal(OnCallSchedule.EmptyRotationWarning, level.Warning);
    }

    [Fact]
    public async Task ForTeamAsync_UnknownTeam_ThrowsNotFound() =>
        await Assert.ThrowsAsync<NotFoundException>(() => Queries.ForTeamAsync("nobody-here", Utc("2026-01-06T12:00Z"), Ct));

    [Fact]
    public async Task ScheduleAsync_FourWeeks_EachLevelContiguous()
    {
        var from = Utc("2026-01-05T08:00Z");

        var shifts = await Queries.ScheduleAsync("payments-core", from, 4, Ct);

        Assert.Equal(OnCallLevel.Primary, shifts[0].Level);
        foreach (var level in shifts.GroupBy(s => s.Level).Select(g => g.ToList()))
        {
            Assert.True(level[0].StartUtc <= from && level[^1].EndUtc >= from.AddDays(28), "each level covers the window");
            Assert.All(level.Zip(level.Skip(1)), p => Assert.Equal(p.First.EndUtc, p.Second.StartUtc));
        }
    }

    [Fact]
    public async Task ScheduleAsync_FourWeeks_PrimaryOverrideSplitsShift()
    {
        var shifts = await Queries.ScheduleAsync("payments-core", Utc("2026-01-05T08:00Z"), 4, Ct);

        var primary = shifts.Where(s => s.Level == OnCallLevel.Primary).ToList();
        Assert.Equal(["ada", "cy", "ada", "bob", "cy", "ada"], primary.Select(s => s.Person?.Name));
        Assert.Equal([false, true, false, false, false, false], primary.Select(s => s.IsOverride));
    }

    [Fact]
    public async Task ForPersonAsync_OnCallNow_ListsRotationWithUpcomingShifts()
    {
        var rotations = await Queries.ForPersonAsync("ada", Utc("2026-01-06T12:00Z"), Ct);

        var payments = Assert.Single(rotations);
        Assert.Equal(("payments-core", OnCallLevel.Primary, true), (payments.Team.Name, payments.Level, payments.IsOnCallNow));
        Assert.Equal(
            [Utc("2026-01-05T08:00Z"), Utc("2026-01-08T00:00Z"), Utc("2026-01-26T08:00Z")],
            payments.Shifts.Select(s => s.StartUtc));
    }

    [Fact]
    public async Task ForPersonAsync_OnlyAnOverride_ListsThatRotationAsUpcoming()
    {
        var rotations = await Queries.ForPersonAsync("finn", Utc("2026-01-06T12:00Z"), Ct);

        var secondary = Assert.Single(rotations);
        Assert.Equal((OnCallLevel.Secondary, false), (secondary.Level, secondary.IsOnCallNow));
        var shift = Assert.Single(secondary.Shifts);
        Assert.Equal((Utc("2026-01-20T14:00Z"), true), (shift.StartUtc, shift.IsOverride));
    }

    [Fact]
    public async Task ForPersonAsync_InNoRotation_ReturnsEmpty() =>
        Assert.Empty(await Queries.ForPersonAsync("gus", Utc("2026-01-06T12:00Z"), Ct));

    [Fact]
    public async Task ForPersonAsync_UnknownPerson_ThrowsNotFound() =>
        await Assert.ThrowsAsync<NotFoundException>(() => Queries.ForPersonAsync("nobody-here", Utc("2026-01-06T12:00Z"), Ct));

    [Fact]
    public async Task SaveChanges_SecondRotationForSameTeamAndLevel_IsRejected()
    {
        await using var db = Db.CreateContext();
        var team = await db.Teams.SingleAsync(t => t.Name == "payments-core", Ct);
        db.OnCallRotations.Add(new OnCallRotation(team, OnCallLevel.Primary, "Another primary", 7, new TimeOnly(9, 0), "UTC", new DateOnly(2026, 1, 5)));

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
    }

    [Fact]
    public async Task SetParticipants_Saved_ReloadsInNewOrder()
    {
        await using (var db = Db.CreateContext())
        {
            var rotation = await db.OnCallRotations.Include(r => r.Participants)
                .SingleAsync(r => r.Level == OnCallLevel.Primary && r.Team.Name == "payments-core", Ct);
            var cy = await db.People.SingleAsync(p => p.Name == "cy", Ct);
            var ada = await db.People.SingleAsync(p => p.Name == "ada", Ct);
            rotation.SetParticipants([cy, ada]);
            await db.SaveChangesAsync(Ct);
        }

        await using var check = Db.CreateContext();
        var saved = await check.OnCallRotations.Include(r => r.Participants).ThenInclude(p => p.Person)
            .SingleAsync(r => r.Level == OnCallLevel.Primary && r.Team.Name == "payments-core", Ct);
        Assert.Equal(["cy", "ada"], saved.ToPlan().Participants);
        Assert.Equal(1, saved.Version);
    }

    [Fact]
    public async Task RemoveOverride_Saved_RotationFollowsPlanAgain()
    {
        await using (var db = Db.CreateContext())
        {
            var rotation = await db.OnCallRotations.Include(r => r.Overrides)
                .SingleAsync(r => r.Level == OnCallLevel.Primary && r.Team.Name == "payments-core", Ct);
            Assert.True(rotation.RemoveOverride(Assert.Single(rotation.Overrides).Id));
            await db.SaveChangesAsync(Ct);
        }

        var team = await Queries.ForTeamAsync("payments-core", Utc("2026-01-07T12:00Z"), Ct);

        Assert.Equal(("ada", false), (team.Levels[0].Now?.Name, team.Levels[0].NowIsOverride));
    }
}

public sealed class SqliteOnCallQueriesTests() : OnCallQueriesTests(TestProvider.Sqlite);

public sealed class PostgresOnCallQueriesTests() : OnCallQueriesTests(TestProvider.Postgres);
