namespace Portal.Domain.Catalog.Queries;

/// <summary>Thresholds for ownership findings; bound from configuration section <c>Ownership</c>.</summary>
public sealed class OwnershipThresholds
{
    public const string Section = "Ownership";

    /// <summary>A team is overloaded when it owns more than this many services per member.</summary>
    [System.ComponentModel.DataAnnotations.Range(0.1, 1000)]
    public double MaxServicesPerMember { get; set; } = 1.0;

    /// <summary>Teams with fewer services than this are never reported as overloaded.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 100_000)]
    public int MinServicesForOverload { get; set; } = 2;
}
