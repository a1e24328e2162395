namespace Portal.Domain.Catalog;

/// <summary>
/// Counts of the catalog on one day, recorded by a daily job so dashboards and quarterly reviews can
/// show a trend instead of a single number.
/// </summary>
public sealed class CatalogSnapshot
{
    private CatalogSnapshot()
    {
    }

    public CatalogSnapshot(DateTime day)
    {
        Day = day.Date;
    }

    public long Id { get; private set; }

    /// <summary>UTC midnight of the day; one row per day.</summary>
    public DateTime Day { get; private set; }

    public int Services { get; private set; }

    public int Teams { get; private set; }

    public int People { get; private set; }

    public int Dependencies { get; private set; }

    public int UnownedServices { get; private set; }

    public DateTime RecordedAt { get; private set; }

    public bool Update(int services, int teams, int people, int dependencies, int unowned, DateTime at)
    {
        var changed = services != Services || teams != Teams || people != People || dependencies != Dependencies || unowned != UnownedServices;
        (Services, Teams, People, Dependencies, UnownedServices) = (services, teams, people, dependencies, unowned);
        RecordedAt = at;
        return changed;
    }
}
