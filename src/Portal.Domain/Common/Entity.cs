namespace Portal.Domain.Common;

/// <summary>Base of every persisted entity: a sortable id and UTC timestamps taken from the DbContext's clock.</summary>
public abstract class Entity : IStampedOnSave
{
    private bool _touched;

    public Guid Id { get; protected set; } = Guid.CreateVersion7();

    /// <summary>
    /// UTC, when the row was first saved. Stored as <see cref="DateTime"/> because SQLite cannot order
    /// <see cref="DateTimeOffset"/>.
    /// </summary>
    public DateTime CreatedAt { get; protected set; }

    /// <summary>UTC, when the last change (<see cref="Touch"/>) was saved.</summary>
    public DateTime UpdatedAt { get; protected set; }

    /// <summary>Marks a change: <see cref="UpdatedAt"/> takes the time of the next save.</summary>
    protected virtual void Touch() => _touched = true;

    bool IStampedOnSave.Stamp(DateTime utcNow, bool added)
    {
        if (added)
        {
            // An entity that was given its times (from the caller's clock) keeps them.
            CreatedAt = CreatedAt == default ? utcNow : CreatedAt;
            UpdatedAt = UpdatedAt == default ? utcNow : UpdatedAt;
        }
        else if (_touched)
        {
            UpdatedAt = utcNow;
        }
        else
        {
            return false;
        }

        _touched = false;
        return true;
    }
}
