namespace Portal.Domain.Signals;

/// <summary>
/// The seven signals of a system outgrowing its architecture, the categories Portal sorts risk by (debt items,
/// scorecards, reviews). Stored by name; the numbers follow the order the signals are usually presented in.
/// </summary>
public enum ScalingSignal
{
    /// <summary>Bottlenecks move from compute to coordination: contention, locks, synchronous request chains.</summary>
    Coordination = 1,

    /// <summary>The data model resists product velocity: shared databases, risky migrations, shadow tables.</summary>
    DataModel = 2,

    /// <summary>Incidents stop being isolated and cascade: retries, missing timeouts, breakers and bulkheads.</summary>
    CascadingFailures = 3,

    /// <summary>Observability gaps become more dangerous than bugs: tracing, metrics, what healthy looks like.</summary>
    Observability = 4,

    /// <summary>The deployment pipeline becomes a product: rollbacks, progressive delivery, environment parity.</summary>
    DeliveryPipeline = 5,

    /// <summary>Team topology dictates architecture: ownership, contracts, on-call tied to ownership.</summary>
    TeamTopology = 6,

    /// <summary>Temporary decisions compound into systemic risk: shortcuts nobody tracks or pays down.</summary>
    CompoundingShortcuts = 7,
}
