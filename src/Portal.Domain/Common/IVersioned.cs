namespace Portal.Domain.Common;

/// <summary>
/// Entities people edit concurrently. <see cref="Version"/> is the optimistic concurrency token; the
/// DbContext increments it on every save, which behaves the same on PostgreSQL and SQLite.
/// </summary>
public interface IVersioned
{
    int Version { get; }

    void IncrementVersion();
}
