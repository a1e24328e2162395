namespace Portal.Domain.Common;

/// <summary>Base of every persisted entity: a sortable id and UTC timestamps.</summary>
public abstract class Entity
{
    public Guid Id { get; protected set; } = Guid.CreateVersion7();

    /// <summary>UTC. Stored as <see cref="DateTime"/> because SQLite cannot order <see cref="DateTimeOffset"/>.</summary>
    public DateTime CreatedAt { get; protected set; } = DateTime.UtcNow;

    public DateTime UpdatedAt { get; protected set; } = DateTime.UtcNow;

    protected virtual void Touch() => UpdatedAt = DateTime.UtcNow;
}

/// <summary>
/// Entities people edit concurrently. <see cref="Version"/> is the optimistic concurrency token; the
/// DbContext increments it on every save, which behaves the same on PostgreSQL and SQLite.
/// </summary>
public interface IVersioned
{
    int Version { get; }

    void IncrementVersion();
}

/// <summary>Where a catalog record came from.</summary>
public enum DataSource
{
    Manual,
    Import,
    GitHub,
    Demo,
}
