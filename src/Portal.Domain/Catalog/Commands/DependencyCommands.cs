using Microsoft.EntityFrameworkCore;
using Portal.Domain.Auditing;
using Portal.Domain.Common;
using Portal.Domain.Persistence;
using Portal.Domain.Security;

namespace Portal.Domain.Catalog.Commands;

/// <summary>
/// Adds, changes and removes dependency edges. Only the owners of the calling service (and admins)
/// may: the caller is the one who knows its timeouts and retries.
/// </summary>
public sealed class DependencyCommands(IDbContextFactory<PortalDbContext> dbFactory)
{
    /// <summary>Creates or updates the edge from <paramref name="serviceRef"/> to <paramref name="targetRef"/> (a service, or <c>resource:name</c>).</summary>
    public async Task<bool> UpsertAsync(Actor actor, string serviceRef, string targetRef, DependencyEdit edit, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var source = await FindServiceAsync(db, serviceRef, "service", ct);
        await RequireAsync(db, actor, source, ct);

        var (resourceRef, isResource) = targetRef.StartsWith("resource:", StringComparison.OrdinalIgnoreCase) ? (targetRef["resource:".Length..], true) : (targetRef, false);
        Dependency? edge;
        var created = false;
        if (isResource)
        {
            var (ns, name) = EntityRef.Parse(resourceRef);
            var resource = await db.Resources.FirstOrDefaultAsync(r => r.Namespace == ns && r.Name == name, ct)
                ?? throw new DomainValidationException("target", $"resource '{resourceRef}' does not exist");
            edge = await db.Dependencies.FirstOrDefaultAsync(d => d.SourceServiceId == source.Id && d.TargetResourceId == resource.Id, ct);
            if (edge is null)
            {
                edge = Dependency.ToResource(source, resource, edit.Access ?? ResourceAccess.ReadWrite);
                db.Dependencies.Add(edge);
                created = true;
            }
        }
        else
        {
            var target = await FindServiceAsync(db, targetRef, "target", ct);
            edge = await db.Dependencies.FirstOrDefaultAsync(d => d.SourceServiceId == source.Id && d.TargetServiceId == target.Id, ct);
            if (edge is null)
            {
                edge = Dependency.ToService(source, target, edit.Kind);
                db.Dependencies.Add(edge);
                created = true;
            }
        }

        var before = created ? null : Snapshot(edge);
        edge.SetKind(edit.Kind);
        edge.SetResilience(edit.TimeoutMs, edit.Retries, edit.Backoff, edit.CircuitBreaker, edit.Fallback, edit.Bulkhead);
        edge.SetCriticality(edit.Criticality);
        if (isResource || edit.Access is not null)
        {
            edge.SetAccess(edit.Access ?? edge.Access);
        }

        edge.RecordSource(DataSource.Manual);
        AuditLog.Record(db, actor, created ? "dependency.create" : "dependency.update", "dependency", $"{source.Ref}->{targetRef}", before, Snapshot(edge));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException("Dependency", $"{source.Ref}->{targetRef}");
        }

        return created;
    }

    public async Task DeleteAsync(Actor actor, string serviceRef, string targetRef, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var source = await FindServiceAsync(db, serviceRef, "service", ct);
        await RequireAsync(db, actor, source, ct);
        var isResource = targetRef.StartsWith("resource:", StringComparison.OrdinalIgnoreCase);
        var (ns, name) = EntityRef.Parse(isResource ? targetRef["resource:".Length..] : targetRef);
        var edge = await db.Dependencies
            .Where(d => d.SourceServiceId == source.Id)
            .Where(d => isResource
                ? d.TargetResource != null && d.TargetResource.Namespace == ns && d.TargetResource.Name == name
                : d.TargetService != null && d.TargetService.Namespace == ns && d.TargetService.Name == name)
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException("Dependency", $"{source.Ref}->{targetRef}");
        AuditLog.Record(db, actor, "dependency.delete", "dependency", $"{source.Ref}->{targetRef}", Snapshot(edge), null);
        db.Dependencies.Remove(edge);
        await db.SaveChangesAsync(ct);
    }

    private static async Task<Service> FindServiceAsync(PortalDbContext db, string reference, string field, CancellationToken ct)
    {
        var (ns, name) = EntityRef.Parse(reference);
        return await db.Services.FirstOrDefaultAsync(s => s.Namespace == ns && s.Name == name, ct)
            ?? (field == "service" ? throw new NotFoundException("Service", reference) : throw new DomainValidationException(field, $"service '{reference}' does not exist"));
    }

    private static async Task RequireAsync(PortalDbContext db, Actor actor, Service source, CancellationToken ct)
    {
        if (actor.CanEdit(source.OwnerTeamId))
        {
            return;
        }

        AuditLog.Record(db, actor, "dependency.change.denied", "service", source.Ref, null, null, succeeded: false);
        await db.SaveChangesAsync(ct);
        throw new ForbiddenException($"{actor.DisplayName} may not change the dependencies of '{source.Ref}': only its owners and admins may.");
    }

    private static object Snapshot(Dependency d) => new
    {
        Kind = d.Kind.ToWire(),
        d.TimeoutMs,
        d.Retries,
        d.Backoff,
        d.CircuitBreaker,
        d.Fallback,
        d.Bulkhead,
        Criticality = d.Criticality?.ToString(),
        Access = d.Access?.ToString(),
    };
}
