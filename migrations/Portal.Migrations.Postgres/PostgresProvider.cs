using Microsoft.EntityFrameworkCore;
using Portal.Domain.Persistence;

namespace Portal.Migrations.Postgres;

/// <summary>The one place that configures EF Core for PostgreSQL, used by the host, tests and design time.</summary>
public static class PostgresProvider
{
    public static DbContextOptionsBuilder<PortalDbContext> Configure(DbContextOptionsBuilder<PortalDbContext> builder, string connectionString)
    {
        builder.UseNpgsql(connectionString, npgsql => npgsql
            .MigrationsAssembly(typeof(PostgresProvider).Assembly.GetName().Name)
            .MigrationsHistoryTable("__ef_migrations_history")
            .EnableRetryOnFailure(3, TimeSpan.FromSeconds(2), null)
            .CommandTimeout(30));
        return builder;
    }
}
