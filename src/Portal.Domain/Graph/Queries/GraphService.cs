using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Persistence;

namespace Portal.Domain.Graph.Queries;

/// <summary>
/// Loads the dependency graph from the database and keeps the latest one in memory. Every call asks the
/// database for the graph version (one tiny query), so a change made through another portal instance is
/// seen at once; the graph is rebuilt only when the version moved.
/// </summary>
public sealed class GraphService(IDbContextFactory<PortalDbContext> dbFactory)
{
    /// <summary>Findings kept per list; the worst come first, so pages and the API slice from the top.</summary>
    public const int MaxFindings = 500;

    /// <summary>Entries kept in a list inside one finding (a knot's members, a resource's users…); counts say how many there are.</summary>
    public const int MaxListed = 50;

    private static readonly AnalysisOptions Options = new(TopK: 50, MaxFindings: MaxFindings, MaxListed: MaxListed);

    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile GraphSnapshot? _current;

    public async Task<GraphSnapshot> CurrentAsync(CancellationToken ct = default)
    {
        var version = await VersionAsync(ct);
        if (_current is { } cached && cached.Version == version)
        {
            return cached;
        }

        await _loading.WaitAsync(ct);
        try
        {
            if (_current is { } again && again.Version == version)
            {
                return again;
            }

            // The version is read before the data, so a snapshot may hold data newer than its key but
            // never older; the next call simply reloads.
            var snapshot = new GraphSnapshot(version, await LoadAsync(ct), Options);
            _current = snapshot;
            return snapshot;
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>The node reference a service or resource has in the graph.</summary>
    public static string ServiceRef(string ns, string name) => EntityRef.Format(ns, name);

    public static string ResourceRef(string ns, string name) => "resource:" + ServiceRef(ns, name);

    private async Task<long> VersionAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.GraphStates.AsNoTracking().Where(g => g.Id == GraphState.SingletonId).Select(g => g.Version).FirstOrDefaultAsync(ct);
    }

    private async Task<DependencyGraph> LoadAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var services = await db.Services.AsNoTracking()
            .Select(s => new { s.Id, s.Namespace, s.Name, Display = s.Title ?? s.Name, Owner = s.OwnerTeam != null ? s.OwnerTeam.Name : null, System = s.System != null ? s.System.Name : null, s.Tier })
            .ToListAsync(ct);
        var resources = await db.Resources.AsNoTracking()
            .Select(r => new { r.Id, r.Namespace, r.Name, Display = r.Title ?? r.Name, Owner = r.OwnerTeam != null ? r.OwnerTeam.Name : null, System = r.System != null ? r.System.Name : null })
            .ToListAsync(ct);
        var edges = await db.Dependencies.AsNoTracking()
            .Select(d => new { d.SourceServiceId, d.TargetServiceId, d.TargetResourceId, d.Kind, d.TimeoutMs, d.Retries, d.Backoff, d.CircuitBreaker, d.Fallback, d.Bulkhead, d.Access })
            .ToListAsync(ct);

        var nodes = new List<GraphNode>(services.Count + resources.Count);
        var index = new Dictionary<Guid, int>(services.Count + resources.Count);
        foreach (var s in services)
        {
            index[s.Id] = nodes.Count;
            nodes.Add(new GraphNode(nodes.Count, ServiceRef(s.Namespace, s.Name), s.Display, NodeKind.Service, s.Owner, s.System, s.Tier));
        }

        foreach (var r in resources)
        {
            index[r.Id] = nodes.Count;
            nodes.Add(new GraphNode(nodes.Count, ResourceRef(r.Namespace, r.Name), r.Display, NodeKind.Resource, r.Owner, r.System, 3));
        }

        var graphEdges = new List<GraphEdge>(edges.Count);
        foreach (var e in edges)
        {
            var target = e.TargetServiceId ?? e.TargetResourceId;
            if (target is { } t && index.TryGetValue(e.SourceServiceId, out var from) && index.TryGetValue(t, out var to))
            {
                graphEdges.Add(new GraphEdge(from, to, e.Kind, e.TimeoutMs, e.Retries, e.Backoff, e.CircuitBreaker, e.Fallback, e.Bulkhead, e.Access));
            }
        }

        return new DependencyGraph(nodes, graphEdges);
    }
}
