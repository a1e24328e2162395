using System.ComponentModel.DataAnnotations;

namespace Portal.Web.Hosting;

/// <summary><c>Database:*</c>: which database Portal keeps its data in.</summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "Database";

    /// <summary>Sqlite (default, zero set-up) or Postgres (production; needs <c>ConnectionStrings:Portal</c>).</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>SQLite file; relative paths are under the app's content root. Default <c>App_Data/portal.db</c>.</summary>
    public string SqlitePath { get; set; } = "App_Data/portal.db";

    /// <summary>Apply pending migrations when the web app starts. Defaults to on for SQLite, off for PostgreSQL (run <c>migrate</c>).</summary>
    public bool? MigrateOnStartup { get; set; }

    /// <summary>Bound from <c>ConnectionStrings:Portal</c>.</summary>
    public string? ConnectionString { get; set; }

    public bool ShouldMigrateOnStartup => MigrateOnStartup ?? Provider == DatabaseProvider.Sqlite;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "Database:Provider is Postgres but ConnectionStrings:Portal is empty. Set ConnectionStrings__Portal, e.g. Host=db;Database=portal;Username=portal;Password=…",
                ["ConnectionStrings:Portal"]);
        }
    }
}
