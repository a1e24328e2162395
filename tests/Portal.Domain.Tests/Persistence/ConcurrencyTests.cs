using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Testing;

namespace Portal.Domain.Tests.Persistence;

public abstract class ConcurrencyTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    [Fact]
    public async Task SaveChanges_TwoEditorsOfOneService_SecondIsDetected()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var seed = Db.CreateContext())
        {
            seed.Services.Add(new Service("payments"));
            await seed.SaveChangesAsync(ct);
        }

        await using var first = Db.CreateContext();
        await using var second = Db.CreateContext();
        var a = await first.Services.SingleAsync(ct);
        var b = await second.Services.SingleAsync(ct);

        a.SetTier(1);
        await first.SaveChangesAsync(ct);
        b.SetTier(2);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync(ct));
        await using var check = Db.CreateContext();
        var saved = await check.Services.SingleAsync(ct);
        Assert.Equal(1, saved.Tier);
        Assert.Equal(1, saved.Version);
    }

    [Fact]
    public async Task SaveChanges_MemberAddedToLoadedTeam_IsInserted()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var seed = Db.CreateContext())
        {
            seed.AddRange(new Team("payments"), new Person("ada"));
            await seed.SaveChangesAsync(ct);
        }

        await using (var context = Db.CreateContext())
        {
            var team = await context.Teams.Include(t => t.Memberships).SingleAsync(ct);
            team.AddMember(await context.People.SingleAsync(ct), MembershipRole.Lead);
            await context.SaveChangesAsync(ct);
        }

        await using var check = Db.CreateContext();
        Assert.Equal(MembershipRole.Lead, (await check.TeamMemberships.SingleAsync(ct)).Role);
    }

    [Fact]
    public async Task SaveChanges_Modified_IncrementsVersion()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var context = Db.CreateContext();
        var team = new Team("payments-core");
        context.Teams.Add(team);
        await context.SaveChangesAsync(ct);
        Assert.Equal(0, team.Version);

        team.SetContact("#payments", null);
        await context.SaveChangesAsync(ct);
        Assert.Equal(1, team.Version);
    }
}

public sealed class SqliteConcurrencyTests() : ConcurrencyTests(TestProvider.Sqlite);

public sealed class PostgresConcurrencyTests() : ConcurrencyTests(TestProvider.Postgres);
