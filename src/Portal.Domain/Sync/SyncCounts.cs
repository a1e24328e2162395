namespace Portal.Domain.Sync;

/// <summary>Created, updated and unchanged records of one kind in one run.</summary>
public sealed record SyncCounts(int Created = 0, int Updated = 0, int Unchanged = 0, int Orphaned = 0)
{
    public SyncCounts Add(SyncCounts other) =>
        new(Created + other.Created, Updated + other.Updated, Unchanged + other.Unchanged, Orphaned + other.Orphaned);
}
