using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Testing;

namespace Portal.Ingest.Tests.Backstage;

/// <summary>
/// Everything an import can change, as sorted lines, without provenance (source, location) and
/// timestamps, so two fingerprints are equal exactly when the catalog's content is.
/// </summary>
internal static class CatalogFingerprint
{
    public static async Task<IReadOnlyList<string>> TakeAsync(TestDatabase database, CancellationToken ct, bool withVersions = false)
    {
        await using var db = database.CreateContext();
        var lines = new List<string>();
        void Add(string kind, object row, int version) =>
            lines.Add($"{kind} {JsonSerializer.Serialize(row)}{(withVersions ? $" v{version}" : "")}");

        foreach (var t in await db.Teams.AsNoTracking().ToListAsync(ct))
        {
            Add("team", new { t.Id, t.Namespace, t.Name, t.Title, t.Description, t.Type, t.Email, t.ContactChannel, t.ParentTeamId, t.IsOrphaned, t.Annotations }, t.Version);
        }

        foreach (var p in await db.People.AsNoTracking().ToListAsync(ct))
        {
            Add("person", new { p.Id, p.Namespace, p.Name, p.Title, p.Description, p.Email, p.Role, p.IsOrphaned, p.Annotations }, p.Version);
        }

        foreach (var m in await db.TeamMemberships.AsNoTracking().ToListAsync(ct))
        {
            Add("membership", new { m.Id, m.TeamId, m.PersonId, m.Role }, 0);
        }

        foreach (var d in await db.Domains.AsNoTracking().ToListAsync(ct))
        {
            Add("domain", new { d.Id, d.Namespace, d.Name, d.Title, d.Description, d.OwnerTeamId, d.IsOrphaned, d.Annotations }, d.Version);
        }

        foreach (var s in await db.Systems.AsNoTracking().ToListAsync(ct))
        {
            Add("system", new { s.Id, s.Namespace, s.Name, s.Title, s.Description, s.OwnerTeamId, s.DomainId, s.IsOrphaned, s.Annotations }, s.Version);
        }

        foreach (var r in await db.Resources.AsNoTracking().ToListAsync(ct))
        {
            Add("resource", new { r.Id, r.Namespace, r.Name, r.Title, r.Description, r.Type, r.OwnerTeamId, r.SystemId, r.IsOrphaned, r.Annotations }, r.Version);
        }

        foreach (var a in await db.Apis.AsNoTracking().ToListAsync(ct))
        {
            Add("api", new { a.Id, a.Namespace, a.Name, a.Title, a.Description, a.Type, a.Lifecycle, a.Definition, a.OwnerTeamId, a.SystemId, a.IsOrphaned, a.Annotations }, a.Version);
        }

        foreach (var s in await db.Services.AsNoTracking().ToListAsync(ct))
        {
            Add(
                "service",
                new { s.Id, s.Namespace, s.Name, s.Title, s.Description, s.Kind, s.Tier, s.Lifecycle, s.OwnerTeamId, s.OwnerRef, s.SystemId, s.RepositoryUrl, s.Tags, s.Links, s.IsOrphaned, s.Annotations },
                s.Version);
        }

        foreach (var r in await db.ServiceApis.AsNoTracking().ToListAsync(ct))
        {
            Add("service-api", new { r.Id, r.ServiceId, r.ApiId, r.Relation }, 0);
        }

        foreach (var d in await db.Dependencies.AsNoTracking().ToListAsync(ct))
        {
            Add(
                "dependency",
                new { d.Id, d.SourceServiceId, d.TargetServiceId, d.TargetResourceId, d.Kind, d.TimeoutMs, d.Retries, d.Backoff, d.CircuitBreaker, d.Fallback, d.Bulkhead, d.Criticality, d.Access },
                d.Version);
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
