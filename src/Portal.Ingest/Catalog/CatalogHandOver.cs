using Microsoft.EntityFrameworkCore;
using Portal.Domain.Auditing;
using Portal.Domain.Catalog;
using Portal.Domain.Common;
using Portal.Domain.Persistence;
using Portal.Domain.Security;
using Portal.Ingest.Backstage;

namespace Portal.Ingest.Catalog;

/// <summary>
/// No takeover, and its one exception: a record belongs to the origin that created it (see
/// <see cref="ReconcileRun"/>), and only an admin can hand it to another one, here. The next run of the new
/// location applies its definition; the old location's definition becomes a reported conflict. Every hand-over
/// is audited with the record before and after, refusals too.
/// </summary>
public sealed class CatalogHandOver(IDbContextFactory<PortalDbContext> dbFactory)
{
    private const int MaxLocationLength = 1000;

    /// <summary>Where the record of <paramref name="kind"/> <paramref name="reference"/> belongs now.</summary>
    /// <exception cref="DomainValidationException">The kind is not one Portal stores.</exception>
    /// <exception cref="NotFoundException">No such record.</exception>
    public async Task<RecordOrigin> FindAsync(string kind, string reference, CancellationToken ct = default)
    {
        var canonical = KindOf(kind);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return OriginOf(canonical, await LoadAsync(db, canonical, reference, ct));
    }

    /// <summary>Hands the record over as <paramref name="request"/> says, if <paramref name="actor"/> is an admin.</summary>
    /// <exception cref="ForbiddenException">The actor is not an admin (audited).</exception>
    /// <exception cref="DomainValidationException">The target is not a valid origin, or is the record's origin already.</exception>
    /// <exception cref="ConcurrencyConflictException">The record was saved since <see cref="HandOverRequest.ExpectedVersion"/>.</exception>
    public async Task<RecordOrigin> HandOverAsync(Actor actor, HandOverRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        var kind = KindOf(request.Kind);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var record = await LoadAsync(db, kind, request.Ref, ct);
        var type = ReconcileRun.PortalKind(kind);
        var before = RecordSnapshot.Of(record);
        if (!actor.IsAdmin)
        {
            AuditLog.Record(db, actor, $"{type}.handover.denied", type, record.Ref, before, null, succeeded: false);
            await db.SaveChangesAsync(ct);
            throw new ForbiddenException($"{actor.DisplayName} may not hand '{record.Ref}' over: only admins may.");
        }

        var location = Validate(request);
        if (record.Source == request.To && record.SourceLocation == location && !record.IsOrphaned)
        {
            throw new DomainValidationException("location", $"'{record.Ref}' belongs to {ReconcileRun.Describe(record)} already");
        }

        // Waiting references follow the record's source: handed to a location, the old source's waiting references go
        // (the new location's next run keeps those its definition names); handed to people, they stay, as a manual
        // edit keeps them. Either way the audit entry lists them before and after.
        var waiting = await db.PendingReferences.Where(p => p.RecordId == record.Id).ToListAsync(ct);
        before["waiting"] = Waiting(record, waiting);
        record.RecordSource(request.To, location);
        if (request.To != DataSource.Manual)
        {
            db.PendingReferences.RemoveRange(waiting);
            waiting = [];
            if (record is Service { OwnerTeamId: null, OwnerRef: not null } service)
            {
                service.AssignOwner(null);
            }
        }

        db.Entry(record).Property(r => r.Version).OriginalValue = request.ExpectedVersion;

        // The version only moves when a tracked property changed; a hand-over always changes provenance.
        var after = RecordSnapshot.Of(record);
        after["waiting"] = Waiting(record, waiting);
        AuditLog.Record(db, actor, $"{type}.handover", type, record.Ref, before, after);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(type, record.Ref);
        }

        return OriginOf(kind, record);
    }

    /// <summary>The Backstage kind for a kind written as Backstage or Portal words it, in any case.</summary>
    public static string KindOf(string? kind) => kind?.Trim().ToLowerInvariant() switch
    {
        "service" => BackstageKinds.Component,
        "team" => BackstageKinds.Group,
        "person" => BackstageKinds.User,
        _ when BackstageKinds.Canonical(kind) is { } canonical && canonical != BackstageKinds.Location => canonical,
        _ => throw new DomainValidationException("kind", $"'{kind}' is not a kind of record Portal stores (component, api, resource, system, domain, group or user)"),
    };

    private static string? Validate(HandOverRequest request)
    {
        var location = string.IsNullOrWhiteSpace(request.Location) ? null : request.Location.Trim();
        switch (request.To)
        {
            case DataSource.Manual when location is not null:
                throw new DomainValidationException("location", "must be empty when the record goes to people editing it in Portal");
            case DataSource.Manual:
                return null;
            case DataSource.Import or DataSource.GitHub when location is null:
                throw new DomainValidationException("location", $"name the {request.To} location that may change the record from now on, as the run's report names it");
            case DataSource.GitHub when !location!.StartsWith("github:", StringComparison.Ordinal) && !location.StartsWith("github-team:", StringComparison.Ordinal):
                throw new DomainValidationException("location", $"'{location}' is not a GitHub location (github:org/repository/file#document)");
            case DataSource.Import or DataSource.GitHub when location!.Length > MaxLocationLength:
                throw new DomainValidationException("location", $"is longer than {MaxLocationLength} characters");
            case DataSource.Import or DataSource.GitHub:
                return location;
            default:
                throw new DomainValidationException("to", $"a record can be handed to people (Manual), an import location or a GitHub location, not to {request.To}");
        }
    }

    private static async Task<CatalogEntity> LoadAsync(PortalDbContext db, string kind, string reference, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            throw new DomainValidationException("ref", "name the record (name, or namespace/name)");
        }

        var (ns, name) = EntityRef.Parse(reference.Trim());
        CatalogEntity? found = kind switch
        {
            BackstageKinds.Component => await db.Services.Include(s => s.OwnerTeam).Include(s => s.System).FirstOrDefaultAsync(e => e.Namespace == ns && e.Name == name, ct),
            BackstageKinds.Api => await db.Apis.Include(a => a.OwnerTeam).Include(a => a.System).FirstOrDefaultAsync(e => e.Namespace == ns && e.Name == name, ct),
            BackstageKinds.Resource => await db.Resources.Include(r => r.OwnerTeam).Include(r => r.System).FirstOrDefaultAsync(e => e.Namespace == ns && e.Name == name, ct),
            BackstageKinds.System => await db.Systems.Include(s => s.OwnerTeam).Include(s => s.Domain).FirstOrDefaultAsync(e => e.Namespace == ns && e.Name == name, ct),
            BackstageKinds.Domain => await db.Domains.Include(d => d.OwnerTeam).FirstOrDefaultAsync(e => e.Namespace == ns && e.Name == name, ct),
            BackstageKinds.Group => await db.Teams.Include(t => t.ParentTeam).Include(t => t.Memberships).ThenInclude(m => m.Person)
                .FirstOrDefaultAsync(e => e.Namespace == ns && e.Name == name, ct),
            _ => await db.People.FirstOrDefaultAsync(e => e.Namespace == ns && e.Name == name, ct),
        };
        return found ?? throw new NotFoundException(ReconcileRun.PortalKind(kind), reference.Trim());
    }

    /// <summary>A record's waiting references as <c>field: target</c>, a service's unresolved owner among them.</summary>
    private static string[] Waiting(CatalogEntity record, IEnumerable<PendingReference> rows) =>
        [.. rows.Select(r => $"{r.Field}: {r.Target}")
            .Concat(record is Service { OwnerTeamId: null, OwnerRef: { } owner } ? [$"owner: {owner}"] : [])
            .Order(StringComparer.Ordinal)];

    private static RecordOrigin OriginOf(string kind, CatalogEntity record) =>
        new(kind, record.Ref, record.DisplayName, record.Source, record.SourceLocation, record.IsOrphaned, record.Version, ReconcileRun.Describe(record));
}
