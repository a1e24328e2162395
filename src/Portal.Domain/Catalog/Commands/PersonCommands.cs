using Microsoft.EntityFrameworkCore;
using Portal.Domain.Auditing;
using Portal.Domain.Common;
using Portal.Domain.Persistence;
using Portal.Domain.Security;

namespace Portal.Domain.Catalog.Commands;

/// <summary>
/// What a person keeps up to date about themselves: how to reach them. The person themselves and admins may change it;
/// every attempt is audited, refusals too.
/// </summary>
public sealed class PersonCommands(IDbContextFactory<PortalDbContext> dbFactory)
{
    /// <summary>
    /// Sets <paramref name="reference"/>'s phone number (blank clears it) if nobody saved the person since
    /// <paramref name="expectedVersion"/>; returns the new version.
    /// </summary>
    public async Task<int> SetPhoneAsync(Actor actor, string reference, string? phone, int expectedVersion, CancellationToken ct = default)
    {
        var (ns, name) = EntityRef.Parse(reference);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var person = await db.People.FirstOrDefaultAsync(p => p.Namespace == ns && p.Name == name, ct)
            ?? throw new NotFoundException("Person", reference);
        var before = Snapshot(person);

        if (!actor.IsAdmin && !string.Equals(actor.Name, person.Ref, StringComparison.OrdinalIgnoreCase))
        {
            AuditLog.Record(db, actor, "person.phone.denied", "person", person.Ref, before, null, succeeded: false);
            await db.SaveChangesAsync(ct);
            throw new ForbiddenException($"{actor.DisplayName} may not change how to reach {person.DisplayName}: only they and admins may.");
        }

        person.SetPhone(phone);
        db.Entry(person).Property(p => p.Version).OriginalValue = expectedVersion;
        AuditLog.Record(db, actor, "person.phone", "person", person.Ref, before, Snapshot(person));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException("Person", person.Ref);
        }

        return person.Version;
    }

    private static object Snapshot(Person p) => new { p.Name, p.Namespace, p.Email, p.Phone, p.Version };
}
