using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Persistence;

namespace Portal.Domain.Catalog.Queries;

/// <summary>
/// Who is accountable when something breaks: services with nobody to call, owners that are gone or
/// empty, on-call duty split from ownership, and teams spread too thin.
/// </summary>
public sealed class OwnershipHealth(IDbContextFactory<PortalDbContext> dbFactory)
{
    public async Task<IReadOnlyList<OwnershipFindingDto>> FindingsAsync(OwnershipThresholds thresholds, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var services = await db.Services.AsNoTracking()
            .Select(s => new
            {
                s.Name,
                s.Namespace,
                Display = s.Title ?? s.Name,
                s.Tier,
                s.OwnerRef,
                Owner = s.OwnerTeam == null ? null : new { s.OwnerTeam.Name, s.OwnerTeam.Namespace, Display = s.OwnerTeam.Title ?? s.OwnerTeam.Name, s.OwnerTeam.IsGone, Orphaned = s.OwnerTeam.IsOrphaned, Members = s.OwnerTeam.Memberships.Count },
                OnCall = s.OnCallTeam == null ? null : new { s.OnCallTeam.Name, Display = s.OnCallTeam.Title ?? s.OnCallTeam.Name },
            })
            .ToListAsync(ct);

        var findings = new List<OwnershipFindingDto>();
        foreach (var s in services)
        {
            var reference = EntityRef.Format(s.Namespace, s.Name);
            var edit = "/catalog/" + CatalogQueries.Route(s.Namespace, s.Name) + "/edit";
            if (s.Owner is null && s.OwnerRef is not null && s.OwnerRef.StartsWith(Service.PersonOwnerPrefix, StringComparison.OrdinalIgnoreCase))
            {
                findings.Add(new(OwnershipFindingKind.OwnedByPerson, reference, s.Display, "service", s.Tier,
                    $"Is owned by a person ('{s.OwnerRef[Service.PersonOwnerPrefix.Length..]}'), not a team: nobody shares the pager or the backlog.",
                    "Hand it to the team that person works in.", edit));
            }
            else if (s.Owner is null && s.OwnerRef is not null)
            {
                findings.Add(new(OwnershipFindingKind.UnknownOwner, reference, s.Display, "service", s.Tier,
                    $"Names '{s.OwnerRef}' as its owner, which is not in the catalog yet: it links by itself when a source brings that team.",
                    "Import or sync the team, or choose an existing owner team.", edit));
            }
            else if (s.Owner is null)
            {
                findings.Add(new(OwnershipFindingKind.NoOwner, reference, s.Display, "service", s.Tier,
                    "Has no owner: nobody is accountable when it breaks.", "Assign an owner team.", edit));
            }
            else if (s.Owner.IsGone || s.Owner.Orphaned)
            {
                // An orphaned team (its source no longer defines it) stays linked as the owner, flagged here.
                findings.Add(new(OwnershipFindingKind.OwnerGone, reference, s.Display, "service", s.Tier,
                    s.Owner.IsGone
                        ? $"Is owned by '{s.Owner.Display}', a team that no longer exists where it came from."
                        : $"Is owned by '{s.Owner.Display}', a team its source no longer defines (orphaned).",
                    "Hand it to a team that exists.", edit));
            }
            else if (s.Owner.Members == 0)
            {
                findings.Add(new(OwnershipFindingKind.OwnerWithoutMembers, reference, s.Display, "service", s.Tier,
                    $"Is owned by '{s.Owner.Display}', which has no members.", "Add people to the team, or hand the service to another team.",
                    "/teams/" + CatalogQueries.PagePath(s.Owner.Namespace, s.Owner.Name)));
            }

            if (s.OnCall is not null && (s.Owner is null || s.OnCall.Name != s.Owner.Name))
            {
                findings.Add(new(OwnershipFindingKind.OnCallNotOwner, reference, s.Display, "service", s.Tier,
                    $"Pages go to '{s.OnCall.Display}', but '{s.Owner?.Display ?? "nobody"}' owns it: whoever is woken up cannot change the code.",
                    "Make the on-call team the owner, or move on-call to the owner.", edit));
            }
        }

        var teams = await db.Teams.AsNoTracking()
            .Where(t => !t.IsGone)
            .Select(t => new { t.Name, t.Namespace, Display = t.Title ?? t.Name, Members = t.Memberships.Count, Services = db.Services.Count(s => s.OwnerTeamId == t.Id) })
            .Where(t => t.Services >= thresholds.MinServicesForOverload)
            .ToListAsync(ct);
        foreach (var t in teams.Where(t => t.Services > t.Members * thresholds.MaxServicesPerMember))
        {
            findings.Add(new(OwnershipFindingKind.OverloadedTeam, EntityRef.Format(t.Namespace, t.Name), t.Display, "team", 0,
                $"Owns {t.Services} services with {t.Members} member(s), more than {thresholds.MaxServicesPerMember:0.##} per person.",
                "Split ownership or grow the team.", "/teams/" + CatalogQueries.PagePath(t.Namespace, t.Name)));
        }

        return [.. findings.OrderBy(f => f.Kind).ThenBy(f => f.Tier == 0 ? 9 : f.Tier).ThenBy(f => f.Subject, StringComparer.Ordinal)];
    }
}
