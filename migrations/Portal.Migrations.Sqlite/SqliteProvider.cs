using Microsoft.EntityFrameworkCore;
using Portal.Domain.Persistence;

namespace Portal.Migrations.Sqlite;

/// <summary>The one place that configures EF Core for SQLite, used by the host, tests and design time.</summary>
public static class SqliteProvider
{
    public static DbContextOptionsBuilder<PortalDbContext> Configure(DbContextOptionsBuilder<PortalDbContext> builder, string connectionString)
    {
        builder.UseSqlite(connectionString, sqlite => sqlite
            .MigrationsAssembly(typeof(SqliteProvider).Assembly.GetName().Name)
            .MigrationsHistoryTable("__ef_migrations_history")
            .CommandTimeout(30));
        return builder;
    }
}
