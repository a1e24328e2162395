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
