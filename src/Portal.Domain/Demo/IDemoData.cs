namespace Portal.Domain.Demo;

/// <summary>
/// One feature's part of the demo company, loaded after the catalog (which comes from Backstage files through the
/// importer). A feature adds its demo by implementing this, keeping its data in a file in its own format next to the
/// code (e.g. <c>OnCall/Demo/rotations.yaml</c>), and registering it as an <see cref="IDemoData"/> service.
/// </summary>
/// <remarks>
/// Parts add only what is missing, so loading the demo twice changes nothing the second time, and a load that
/// stopped half-way is completed by the next one.
/// </remarks>
public interface IDemoData
{
    /// <summary>Parts load in ascending order; the catalog is loaded before all of them.</summary>
    int Order { get; }

    /// <summary>What the part adds, for logs and errors ("on-call rotations").</summary>
    string Name { get; }

    /// <summary>Adds what is missing; returns how many records were added or changed (0 when nothing was).</summary>
    Task<int> LoadAsync(DemoContext context, CancellationToken ct);
}
