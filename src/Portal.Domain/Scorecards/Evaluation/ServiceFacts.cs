using Portal.Domain.Catalog;

namespace Portal.Domain.Scorecards.Evaluation;

/// <summary>
/// Everything the automatic checks know about one service, copied out of the database as plain data so
/// the checks are pure functions, unit-tested on hand-made catalogs and benchmarked without a database.
/// </summary>
/// <param name="Ref">The service's reference, as in the dependency graph.</param>
/// <param name="DisplayName">Title or name.</param>
/// <param name="Tier">1 is most critical.</param>
/// <param name="Lifecycle">Experimental, production or deprecated.</param>
/// <param name="Owner">Owner and paged team.</param>
/// <param name="OnCall">Rotations of the paged team.</param>
/// <param name="Links">Links on the service page.</param>
/// <param name="ProvidedApis">APIs the service provides in the catalog.</param>
/// <param name="Delivery">GitHub evidence; null when no synced repository is linked to the service.</param>
/// <param name="OpenDebtCostOfDelayHours">Open tech debt's cost of delay per quarter; null when unknown (no debt register).</param>
/// <param name="CatalogAsOf">When the service or one of its dependencies last changed (UTC).</param>
/// <param name="DebtAsOf">When the debt register's scores were last brought up to date (UTC); null when unknown.</param>
public sealed record ServiceFacts(
    string Ref,
    string DisplayName,
    int Tier,
    Lifecycle Lifecycle,
    OwnerFacts Owner,
    OnCallFacts OnCall,
    IReadOnlyList<ServiceLink> Links,
    int ProvidedApis,
    DeliveryEvidence? Delivery,
    double? OpenDebtCostOfDelayHours,
    DateTime CatalogAsOf,
    DateTime? DebtAsOf = null);
