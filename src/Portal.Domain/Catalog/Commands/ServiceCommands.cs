using Microsoft.EntityFrameworkCore;
using Portal.Domain.Auditing;
using Portal.Domain.Common;
using Portal.Domain.Persistence;
using Portal.Domain.Security;

namespace Portal.Domain.Catalog.Commands;

/// <summary>Changes to services: permission checks, validation, concurrency and the audit log in one place.</summary>
public sealed class ServiceCommands(IDbContextFactory<PortalDbContext> dbFactory)
{
    /// <summary>
    /// Applies <paramref name="edit"/> if <paramref name="actor"/> may and nobody saved the service since
    /// <paramref name="expectedVersion"/>. A refused attempt is audited too.
    /// </summary>
    public async Task<int> UpdateAsync(Actor actor, string reference, ServiceEdit edit, int expectedVersion, CancellationToken ct = default)
    {
        var (ns, name) = EntityRef.Parse(reference);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var service = await db.Services.Include(s => s.OwnerTeam).Include(s => s.System)
            .FirstOrDefaultAsync(s => s.Namespace == ns && s.Name == name, ct)
            ?? throw new NotFoundException("Service", reference);
        var before = Snapshot(service);

        if (!actor.CanEdit(service.OwnerTeamId))
        {
            AuditLog.Record(db, actor, "service.update.denied", "service", service.Ref, before, null, succeeded: false);
            await db.SaveChangesAsync(ct);
            throw new ForbiddenException($"{actor.DisplayName} may not change '{service.Ref}': only its owners and admins may.");
        }

        Team? owner = null;
        if (!string.IsNullOrWhiteSpace(edit.OwnerTeam))
        {
            var (tns, tname) = EntityRef.Parse(edit.OwnerTeam.Trim());
            owner = await db.Teams.FirstOrDefaultAsync(t => t.Namespace == tns && t.Name == tname, ct)
                ?? throw new DomainValidationException("owner", $"team '{edit.OwnerTeam}' does not exist");
            if (!actor.IsAdmin && !actor.TeamIds.Contains(owner.Id))
            {
                throw new ForbiddenException($"Only admins may hand '{service.Ref}' to a team they are not in ('{owner.Ref}').");
            }
        }

        SoftwareSystem? system = null;
        if (!string.IsNullOrWhiteSpace(edit.System))
        {
            var (sns, sname) = EntityRef.Parse(edit.System.Trim());
            system = await db.Systems.FirstOrDefaultAsync(s => s.Namespace == sns && s.Name == sname, ct)
                ?? throw new DomainValidationException("system", $"system '{edit.System}' does not exist");
        }

        service.Describe(edit.Title, edit.Description);
        service.SetKind(edit.Kind);
        service.SetTier(edit.Tier);
        service.SetLifecycle(edit.Lifecycle);
        // A reference still waiting for its target (an owner or system the source named that is not in the catalog
        // yet) is kept when the field is left empty, and cleared when a person sets the field.
        if (owner is null && service.OwnerTeamId is null && service.OwnerRef is { } waitingOwner)
        {
            service.AssignUnresolvedOwner(waitingOwner);
        }
        else
        {
            service.AssignOwner(owner);
        }

        service.PlaceInSystem(system);
        if (system is not null)
        {
            db.PendingReferences.RemoveRange(await db.PendingReferences.Where(p => p.RecordId == service.Id && p.Field == "system").ToListAsync(ct));
        }

        service.SetRepository(edit.RepositoryUrl);
        service.SetTags(edit.Tags);
        service.SetLinks(edit.Links);
        service.RecordSource(DataSource.Manual, null);

        db.Entry(service).Property(s => s.Version).OriginalValue = expectedVersion;
        AuditLog.Record(db, actor, "service.update", "service", service.Ref, before, Snapshot(service));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException("Service", service.Ref);
        }

        return service.Version;
    }

    internal static object Snapshot(Service s) => new
    {
        s.Name,
        s.Namespace,
        s.Title,
        s.Description,
        s.Kind,
        s.Tier,
        Lifecycle = s.Lifecycle.ToString(),
        Owner = s.OwnerTeam?.Ref ?? s.OwnerRef,
        System = s.System?.Ref,
        s.RepositoryUrl,
        Tags = s.Tags.ToArray(),
        Links = s.Links.ToArray(),
        s.Version,
    };
}
