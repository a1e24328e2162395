using Microsoft.EntityFrameworkCore;
using Portal.Testing;

namespace Portal.Domain.Tests.Persistence;

public abstract class MigrationsTests(TestProvider provider)
{
    [Fact]
    public async Task Migrate_EmptyDatabase_AppliesEveryMigration()
    {
        await using var db = await TestDatabase.CreateEmptyAsync(provider);
        await using var context = db.CreateContext();

        await context.Database.MigrateAsync(TestContext.Current.CancellationToken);

        var all = context.Database.GetMigrations().ToList();
        var applied = (await context.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken)).ToList();
        Assert.NotEmpty(all);
        Assert.Equal(all, applied);
    }

    [Fact]
    public async Task Model_MatchesLatestMigration_NoPendingChanges()
    {
        await using var db = await TestDatabase.CreateEmptyAsync(provider);
        await using var context = db.CreateContext();
        Assert.False(context.Database.HasPendingModelChanges(), "The model has changes no migration captures: run 'dotnet ef migrations add' for this provider.");
    }

    [Fact]
    public async Task Migrate_Twice_IsHarmless()
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var context = db.CreateContext();
        await context.Database.MigrateAsync(TestContext.Current.CancellationToken);
        Assert.Empty(await context.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
    }
}

public sealed class SqliteMigrationsTests() : MigrationsTests(TestProvider.Sqlite);

public sealed class PostgresMigrationsTests() : MigrationsTests(TestProvider.Postgres);
