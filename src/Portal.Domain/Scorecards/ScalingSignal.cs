namespace Portal.Domain.Scorecards;

/// <summary>
/// The seven signals that a system is outgrowing its architecture; each is a category of the scorecard
/// framework. Stored by name, so the order here is only the order pages show them in.
/// </summary>
public enum ScalingSignal
{
    /// <summary>Bottlenecks move from compute to coordination: contention, locks, synchronous chains.</summary>
    Coordination,

    /// <summary>The data model resists product change: shared databases, risky migrations.</summary>
    DataOwnership,

    /// <summary>Failures stop being isolated and cascade: timeouts, retries, blast radius.</summary>
    Resilience,

    /// <summary>Not knowing costs more than bugs: tracing, dashboards, runbooks.</summary>
    Observability,

    /// <summary>The deployment pipeline becomes a product: CI, frequent and reversible releases.</summary>
    Delivery,

    /// <summary>Team boundaries shape the architecture: ownership, on-call, contracts.</summary>
    TeamTopology,

    /// <summary>Temporary decisions compound into systemic risk: visible, ranked, paid-down debt.</summary>
    TechDebt,
}
