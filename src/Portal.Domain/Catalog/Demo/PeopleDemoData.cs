using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Demo;
using Portal.Domain.Persistence;
using Portal.Domain.Security;

namespace Portal.Domain.Catalog.Demo;

/// <summary>
/// The demo company's portal roles and team leads, from <c>Catalog/Demo/people.yaml</c>: what Backstage files have
/// no place for. Roles are set only on people this load created; a lead only while the team has none.
/// </summary>
public sealed class PeopleDemoData(IDbContextFactory<PortalDbContext> dbFactory) : IDemoData
{
    public int Order => 10;

    public string Name => "roles and team leads";

    public async Task<int> LoadAsync(DemoContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var file = DemoFile.Read<PeopleFile>(typeof(PeopleDemoData), "people.yaml");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var people = await db.People.Where(p => p.Namespace == CatalogName.DefaultNamespace).ToDictionaryAsync(p => p.Name, StringComparer.Ordinal, ct);
        var changes = 0;

        foreach (var person in people.Values.Where(p => context.WasCreated("user", p.Name)))
        {
            var role = file.Roles.GetValueOrDefault(person.Name, file.DefaultRole);
            if (person.Role != role)
            {
                person.SetRole(role);
                changes++;
            }
        }

        foreach (var (teamName, lead) in file.Leads)
        {
            var team = await db.Teams.Include(t => t.Memberships)
                .FirstOrDefaultAsync(t => t.Namespace == CatalogName.DefaultNamespace && t.Name == teamName, ct)
                ?? throw new InvalidDataException($"people.yaml names team '{teamName}', which the demo catalog does not have.");
            if (team.Memberships.Any(m => m.Role == MembershipRole.Lead))
            {
                continue;
            }

            var person = people.GetValueOrDefault(lead)
                ?? throw new InvalidDataException($"people.yaml names person '{lead}' as the lead of '{teamName}', which the demo catalog does not have.");
            if (team.AddMember(person, MembershipRole.Lead))
            {
                changes++;
            }
        }

        await db.SaveChangesAsync(ct);
        return changes;
    }

    private sealed class PeopleFile
    {
        public Dictionary<string, PortalRole> Roles { get; set; } = [];

        public PortalRole DefaultRole { get; set; } = PortalRole.Editor;

        public Dictionary<string, string> Leads { get; set; } = [];
    }
}
