namespace Portal.Ingest.Demo;

/// <summary>
/// What <see cref="DemoSeeder.SeedAsync"/> did: how many records of each kind the catalog files created, and what each
/// feature's part added; <see cref="AlreadyLoaded"/> when nothing at all was added or changed.
/// </summary>
public sealed record DemoSeedResult(
    bool AlreadyLoaded, int Teams, int People, int Services, int Systems, int Domains, int Resources, int Apis, int Dependencies)
{
    /// <summary>Per feature part (<see cref="Portal.Domain.Demo.IDemoData.Name"/>), how many records it added or changed.</summary>
    public IReadOnlyList<(string Part, int Changes)> Parts { get; init; } = [];
}
