using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain.Persistence;
using Portal.Migrations.Postgres;
using Portal.Migrations.Sqlite;

namespace Portal.Web.Hosting;

/// <summary>Registers the database for the configured provider; the only place that chooses between them.</summary>
public static class DatabaseHosting
{
    public static WebApplicationBuilder AddPortalDatabase(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .Configure<IConfiguration>((o, config) => o.ConnectionString ??= config.GetConnectionString("Portal"))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddDbContextFactory<PortalDbContext>((sp, options) =>
        {
            var db = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var typed = (DbContextOptionsBuilder<PortalDbContext>)options;
            typed.UseClock(sp.GetRequiredService<TimeProvider>());
            if (db.Provider == DatabaseProvider.Postgres)
            {
                PostgresProvider.Configure(typed, db.ConnectionString!);
            }
            else
            {
                SqliteProvider.Configure(typed, SqliteConnectionString(db, sp.GetRequiredService<IHostEnvironment>()));
            }
        });
        builder.Services.AddSingleton<DatabaseMigrator>();
        builder.Services.AddSingleton<DatabaseStatistics>();
        return builder;
    }

    /// <summary>The SQLite connection string; creates the folder so a fresh clone needs no set-up.</summary>
    public static string SqliteConnectionString(DatabaseOptions db, IHostEnvironment env)
    {
        if (!string.IsNullOrWhiteSpace(db.ConnectionString))
        {
            return db.ConnectionString;
        }

        var path = Path.IsPathRooted(db.SqlitePath) ? db.SqlitePath : Path.Combine(env.ContentRootPath, db.SqlitePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return $"Data Source={path};Cache=Shared;Foreign Keys=True;Default Timeout=30";
    }
}
