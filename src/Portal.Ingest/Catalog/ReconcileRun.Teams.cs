using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Ingest.Backstage;

namespace Portal.Ingest.Catalog;

// Team hierarchy and memberships.
internal sealed partial class ReconcileRun
{
    /// <summary>
    /// Parents come from <c>spec.parent</c>, or else from another imported group's <c>spec.children</c>.
    /// A parent that would close a loop is left unset. Parents are cleared before they are set so an
    /// intermediate state never looks like a loop to <see cref="Team.SetParent"/>.
    /// </summary>
    private void SetParents()
    {
        var groups = Writable(o => o.Parsed is BackstageGroup).ToList();
        var parentFromChildren = new Dictionary<EntityKey, Team>();
        foreach (var outcome in groups)
        {
            foreach (var child in ((BackstageGroup)outcome.Parsed).Children)
            {
                if (catalog.Teams.ContainsKey(child))
                {
                    parentFromChildren.TryAdd(child, (Team)outcome.Entity);
                }
                else
                {
                    Wait(outcome.Parsed, "spec.children", child);
                }
            }
        }

        var desired = new Dictionary<Team, Team?>();
        foreach (var outcome in groups)
        {
            var group = (BackstageGroup)outcome.Parsed;
            desired[(Team)outcome.Entity] = group.Parent is not null
                ? Resolve(catalog.Teams, group.Parent, group, "spec.parent")
                : parentFromChildren.GetValueOrDefault(group.Key);
        }

        foreach (var outcome in groups)
        {
            var team = (Team)outcome.Entity;
            if (desired[team] is not null && ClosesLoop(team, desired))
            {
                Notice(outcome.Parsed, $"parent '{desired[team]!.Ref}' would make the team hierarchy a loop; left unset");
                desired[team] = null;
            }
        }

        var moving = groups.Where(o => ((Team)o.Entity).ParentTeamId != desired[(Team)o.Entity]?.Id).ToList();
        foreach (var outcome in moving)
        {
            var team = (Team)outcome.Entity;
            outcome.Changing();
            if (team.ParentTeamId is not null)
            {
                team.SetParent(null);
            }
        }

        foreach (var outcome in moving)
        {
            var team = (Team)outcome.Entity;
            if (desired[team] is { } parent)
            {
                team.SetParent(parent);
            }
        }
    }

    private static bool ClosesLoop(Team team, Dictionary<Team, Team?> desired)
    {
        var visited = new HashSet<Team>();
        for (var t = desired[team]; t is not null; t = desired.TryGetValue(t, out var next) ? next : t.ParentTeam)
        {
            if (t == team || !visited.Add(t))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Memberships are the union of users' <c>memberOf</c> and groups' <c>members</c>. An imported user's
    /// memberships are exactly that union (others are removed); people who are not in the batch only gain the
    /// memberships groups list. Roles of existing memberships are Portal's and kept, except on groups whose
    /// source gives roles (<see cref="BackstageGroup.MemberRoles"/>): their members are exactly those listed.
    /// </summary>
    private async Task SetMembershipsAsync(CancellationToken ct)
    {
        var desired = new Dictionary<Person, HashSet<Team>>();
        var owners = new Dictionary<Person, RecordOutcome>();
        foreach (var outcome in Writable(o => o.Parsed is BackstageUser))
        {
            var person = (Person)outcome.Entity;
            owners[person] = outcome;
            var teams = desired[person] = [];
            foreach (var key in ((BackstageUser)outcome.Parsed).MemberOf)
            {
                if (Resolve(catalog.Teams, key, outcome.Parsed, "spec.memberOf") is { } team)
                {
                    teams.Add(team);
                }
            }
        }

        var groupOutcomes = new Dictionary<Team, RecordOutcome>();
        var roles = new Dictionary<(Team, Person), MembershipRole>();
        foreach (var outcome in Writable(o => o.Parsed is BackstageGroup))
        {
            var team = (Team)outcome.Entity;
            var group = (BackstageGroup)outcome.Parsed;
            groupOutcomes[team] = outcome;
            var listed = new HashSet<Guid>();
            foreach (var key in group.Members)
            {
                if (Resolve(catalog.People, key, outcome.Parsed, "spec.members") is not { } person)
                {
                    continue;
                }

                listed.Add(person.Id);
                if (!desired.TryGetValue(person, out var teams))
                {
                    teams = desired[person] = [];
                }

                teams.Add(team);
                if (group.MemberRoles?.GetValueOrDefault(key) is { } role)
                {
                    roles[(team, person)] = role;
                }
            }

            if (group.MemberRoles is not null)
            {
                // The source says who is in the team: anyone else leaves it.
                foreach (var gone in team.Memberships.Where(m => !listed.Contains(m.PersonId)).ToList())
                {
                    outcome.Changing();
                    team.RemoveMember(gone.PersonId);
                    db.Remove(gone);
                }
            }
        }

        foreach (var (person, teams) in desired)
        {
            var current = person.Memberships.Where(m => db.Entry(m).State != EntityState.Deleted).ToList();
            var imported = owners.TryGetValue(person, out var personOutcome);
            foreach (var team in teams)
            {
                var existing = current.FirstOrDefault(m => m.TeamId == team.Id);
                var hasRole = roles.TryGetValue((team, person), out var role);
                if (existing is null)
                {
                    (personOutcome ?? groupOutcomes[team]).Changing();
                    team.AddMember(person, hasRole ? role : MembershipRole.Member);
                    InsertRow(team.Memberships.First(m => m.PersonId == person.Id));
                }
                else if (hasRole && existing.Role != role)
                {
                    groupOutcomes[team].Changing();
                    team.AddMember(person, role);
                }
            }

            if (!imported)
            {
                continue;
            }

            foreach (var membership in current.Where(m => teams.All(t => t.Id != m.TeamId)))
            {
                personOutcome!.Changing();
                membership.Team.RemoveMember(person.Id);
                db.Remove(membership);
            }

            await SaveIfDueAsync(ct);
        }
    }
}
