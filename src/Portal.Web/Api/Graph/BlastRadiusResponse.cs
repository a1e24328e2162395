using Portal.Domain.Graph;

namespace Portal.Web.Api.Graph;

/// <summary>Blast radius of one service, as <c>GET …/blast-radius</c> answers.</summary>
/// <param name="Service">The failing service or resource.</param>
/// <param name="Direct">Every direct dependent, by ref, each with its path.</param>
/// <param name="Transitive">One page of the transitive dependents, nearest first then by ref: <paramref name="Limit"/> from <paramref name="Offset"/>.</param>
/// <param name="Count">The whole radius (direct plus transitive), whatever the page.</param>
/// <param name="TransitiveCount">All transitive dependents; page with <c>offset</c> and <c>limit</c> to list them.</param>
/// <param name="Offset">Transitive dependents skipped before this page.</param>
/// <param name="Limit">The page size asked for.</param>
/// <param name="Truncated">True when <paramref name="Transitive"/> is not the whole list (this is not the only page).</param>
/// <param name="Summary">What was found, in plain words.</param>
/// <param name="Remedy">A suggested fix.</param>
public sealed record BlastRadiusResponse(
    string Service,
    IReadOnlyList<ImpactedService> Direct,
    IReadOnlyList<ImpactedService> Transitive,
    int Count,
    int TransitiveCount,
    int Offset,
    int Limit,
    bool Truncated,
    string Summary,
    string Remedy);
