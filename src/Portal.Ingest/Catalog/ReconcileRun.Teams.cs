using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Ingest.Backstage;

namespace Portal.Ingest.Catalog;

// Team hierarchy and memberships.
internal sealed partial class ReconcileRun
{
    /// <summary>
    /// Parents come from <c>spec.parent</c>, or else from another imported group's <c>spec.children</c> (when
    /// several groups list one child, the first by reference wins, whatever order they were read in). A parent that
    /// would close a loop is left unset. Parents are cleared before they are set so an intermediate state never
    /// looks like a loop to <see cref="Team.SetParent"/>.
    /// </summary>
    /// <remarks>
    /// The hierarchy gives a team's members rights over its sub-teams' records, so an edge may only join teams of
    /// one origin (<see cref="SameOrigin"/>): a parent or child of another origin is a reported conflict, the edge
    /// is not made, and the reference is kept as written (waiting), so either order of arrival ends the same.
    /// </remarks>
    private void SetParents()
    {
        var groups = Writable(o => o.Parsed is BackstageGroup).ToList();
        var inBatch = groups.Select(o => (Team)o.Entity).ToHashSet();
        var parentFromChildren = new Dictionary<Team, Team>();
        var listedOutside = new Dictionary<Team, RecordOutcome>();
        foreach (var outcome in groups.OrderBy(o => o.Parsed.Key.ToString(), StringComparer.Ordinal))
        {
            foreach (var childKey in ((BackstageGroup)outcome.Parsed).Children)
            {
                if (!catalog.Teams.TryGetValue(childKey, out var child))
                {
                    Wait(outcome.Parsed, "spec.children", childKey);
                }
                else if (!SameOrigin(outcome.Parsed, child))
                {
                    if (Unclear(child))
                    {
                        LeaveUnclear(outcome, "spec.children", childKey, child);
                    }
                    else
                    {
                        RefuseHierarchy(outcome, "spec.children", childKey, child);
                    }
                }
                else if (!inBatch.Contains(child))
                {
                    // Stored, of this origin, its file not read this run: linked if it has no parent yet (as when it
                    // arrives after this group), otherwise left where it is (its own file decides, when read).
                    listedOutside.TryAdd(child, outcome);
                }
                else if (!parentFromChildren.TryAdd(child, (Team)outcome.Entity) && parentFromChildren[child] != outcome.Entity)
                {
                    Notice(outcome.Parsed, $"spec.children '{childKey}' is also listed by {parentFromChildren[child].Ref}, which comes first; left as its child");
                }
            }
        }

        var storedChildren = catalog.Teams.Values.Where(t => t.ParentTeamId is not null && !inBatch.Contains(t)).ToLookup(t => t.ParentTeamId!.Value);
        foreach (var outcome in groups)
        {
            foreach (var child in storedChildren[outcome.Entity.Id].ToList())
            {
                TakeOffForeignChild(outcome, child);
                if (child.ParentTeamId == outcome.Entity.Id && !Lists(outcome, child))
                {
                    // Portal does not keep which side made an edge: the child's own file, not read in this run, may
                    // name this group as its parent. Say so, rather than leave the edge without a word.
                    Notice(outcome.Parsed, $"{child.Ref} stays a sub-team of {outcome.Entity.Ref} although spec.children no longer lists it: its own file was not read in this run and may name {outcome.Entity.Ref} as spec.parent; import both files (or their folder, or send them together) to take it off");
                }
            }
        }

        var desired = new Dictionary<Team, Team?>();
        foreach (var outcome in groups)
        {
            var group = (BackstageGroup)outcome.Parsed;
            var team = (Team)outcome.Entity;
            if (group.Parent is not { } parentKey)
            {
                desired[team] = parentFromChildren.GetValueOrDefault(team) ?? ParentKept(outcome, inBatch);
            }
            else if (Resolve(catalog.Teams, parentKey, group, "spec.parent") is not { } parent)
            {
                desired[team] = null;
            }
            else if (SameOrigin(group, parent))
            {
                desired[team] = parent;
            }
            else if (Unclear(parent))
            {
                LeaveUnclear(outcome, "spec.parent", parentKey, parent);
                desired[team] = team.ParentTeam;
            }
            else
            {
                RefuseHierarchy(outcome, "spec.parent", parentKey, parent);
                desired[team] = null;
            }
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

        LinkListedOutside(listedOutside);
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

    /// <summary>Whether <paramref name="outcome"/>'s group lists <paramref name="child"/> in <c>spec.children</c>.</summary>
    private bool Lists(RecordOutcome outcome, Team child) =>
        ((BackstageGroup)outcome.Parsed).Children.Any(key => catalog.Teams.TryGetValue(key, out var listed) && listed == child);
}
