namespace Portal.Domain.Persistence.Infrastructure;

/// <summary>
/// A named lease in the database: whoever holds an unexpired lease runs the sync; everyone else
/// skips. Works the same with one or many portal instances on one database.
/// </summary>
public sealed class SyncLease
{
    private SyncLease()
    {
    }

    public SyncLease(string name)
    {
        Name = name;
    }

    public string Name { get; private set; } = "";

    public string? Holder { get; private set; }

    /// <summary>An expiry long past: the lease is free. (Not DateTime.MinValue, which PostgreSQL stores as -infinity.)</summary>
    public static readonly DateTime Free = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public DateTime ExpiresAt { get; private set; } = Free;
}
