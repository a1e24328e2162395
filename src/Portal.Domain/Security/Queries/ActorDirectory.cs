using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog.Queries;
using Portal.Domain.Common;
using Portal.Domain.Persistence;

namespace Portal.Domain.Security.Queries;

/// <summary>Turns a signed-in identity into an <see cref="Actor"/>: role and the teams whose records they may change.</summary>
public sealed class ActorDirectory(IDbContextFactory<PortalDbContext> dbFactory)
{
    /// <summary>People to choose from on the local sign-in page.</summary>
    public async Task<IReadOnlyList<(string Name, string DisplayName, PortalRole Role)>> ListPeopleAsync(string? q, int take, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var people = db.People.AsNoTracking().Where(p => !p.IsOrphaned);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().ToLowerInvariant();
            people = people.Where(p => EF.Functions.Like(p.SearchText, SearchPattern.Contains(term), SearchPattern.Escape));
        }

        var rows = await people.OrderBy(p => p.Name).Take(take)
            .Select(p => new { p.Name, p.Namespace, Display = p.Title ?? p.Name, p.Role }).ToListAsync(ct);
        return [.. rows.Select(r => (EntityRef.Format(r.Namespace, r.Name), r.Display, r.Role))];
    }

    public async Task<bool> AnyPeopleAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.People.AnyAsync(ct);
    }

    /// <summary>
    /// The actor for a person, found by name (<c>ns/name</c>) or e-mail, for local sign-in and tests: never for an
    /// identity provider's claims (those go through <see cref="ForSignInAsync"/>). Null when no such person exists or
    /// the person is orphaned (removed by its source: no sign-in until adopted again).
    /// </summary>
    public async Task<Actor?> ForPersonAsync(string nameOrEmail, PortalRole? roleOverride = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (ns, name) = EntityRef.Parse(nameOrEmail);
        var person = await db.People.AsNoTracking()
            .FirstOrDefaultAsync(p => !p.IsOrphaned && ((p.Namespace == ns && p.Name == name) || p.Email == nameOrEmail), ct);
        if (person is null)
        {
            return null;
        }

        var teamIds = await TeamsWithDescendantsAsync(db, person.Id, ct);
        return new Actor(person.Ref, person.DisplayName, roleOverride ?? person.Role, teamIds);
    }

    /// <summary>
    /// The actor for an OpenID Connect account: the person linked to its issuer and subject (see
    /// <see cref="Commands.SignInLinker"/>), with the provider's role. Null when no person is linked or the linked
    /// person is orphaned.
    /// </summary>
    public async Task<Actor?> ForSignInAsync(string issuer, string subject, PortalRole role, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var person = await db.People.AsNoTracking()
            .FirstOrDefaultAsync(p => p.SignInIssuer == issuer && p.SignInSubject == subject && !p.IsOrphaned, ct);
        if (person is null)
        {
            return null;
        }

        var teamIds = await TeamsWithDescendantsAsync(db, person.Id, ct);
        return new Actor(person.Ref, person.DisplayName, role, teamIds);
    }

    /// <summary>True when the person linked to this OpenID Connect account is orphaned: the account may not stay signed in.</summary>
    public async Task<bool> IsSignInOrphanedAsync(string issuer, string subject, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.People.AnyAsync(p => p.SignInIssuer == issuer && p.SignInSubject == subject && p.IsOrphaned, ct);
    }

    /// <summary>A member of a team may change what its sub-teams own as well.</summary>
    private static async Task<HashSet<Guid>> TeamsWithDescendantsAsync(PortalDbContext db, Guid personId, CancellationToken ct)
    {
        var direct = await db.TeamMemberships.Where(m => m.PersonId == personId).Select(m => m.TeamId).ToListAsync(ct);
        var result = new HashSet<Guid>(direct);
        if (result.Count == 0)
        {
            return result;
        }

        var parents = await db.Teams.AsNoTracking().Where(t => t.ParentTeamId != null)
            .Select(t => new { t.Id, Parent = t.ParentTeamId!.Value }).ToListAsync(ct);
        var children = parents.ToLookup(p => p.Parent, p => p.Id);
        var queue = new Queue<Guid>(direct);
        while (queue.TryDequeue(out var id))
        {
            foreach (var child in children[id])
            {
                if (result.Add(child))
                {
                    queue.Enqueue(child);
                }
            }
        }

        return result;
    }

    /// <summary>The built-in administrator offered while the catalog has no people (evaluation only).</summary>
    public static Actor LocalAdministrator { get; } = new("local-admin", "Local administrator", PortalRole.Admin, new HashSet<Guid>());
}
