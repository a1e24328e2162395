using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Domain.Common;
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
                    RefuseHierarchy(outcome, "spec.children", childKey, child);
                }
                else if (inBatch.Contains(child) && !parentFromChildren.TryAdd(child, (Team)outcome.Entity) && parentFromChildren[child] != outcome.Entity)
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
            }
        }

        var desired = new Dictionary<Team, Team?>();
        foreach (var outcome in groups)
        {
            var group = (BackstageGroup)outcome.Parsed;
            var team = (Team)outcome.Entity;
            if (group.Parent is not { } parentKey)
            {
                desired[team] = parentFromChildren.GetValueOrDefault(team);
            }
            else if (Resolve(catalog.Teams, parentKey, group, "spec.parent") is not { } parent)
            {
                desired[team] = null;
            }
            else if (!SameOrigin(group, parent))
            {
                RefuseHierarchy(outcome, "spec.parent", parentKey, parent);
                desired[team] = null;
            }
            else
            {
                desired[team] = parent;
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
    }

    /// <summary>
    /// Whether <paramref name="other"/> is of the same origin as <paramref name="entity"/>: the batch writes it for an
    /// origin that owns the entity's location, or it is stored from this source at a location the entity's origin
    /// owns (the no-takeover rule of <see cref="Belongs"/>). People's records and the demo data are their own origins.
    /// </summary>
    private bool SameOrigin(BackstageEntity entity, CatalogEntity other)
    {
        var key = StoredCatalog.KeyOf(KindOf(other), other);
        if (_outcomes.TryGetValue(key, out var written) && !written.ReadOnly && ReferenceEquals(written.Entity, other))
        {
            return batch.OwnsLocation(entity, batch.LocationOf(written.Parsed));
        }

        return other.Source == Source && other.Source != DataSource.Manual && batch.OwnsLocation(entity, other.SourceLocation ?? "");
    }

    private static string KindOf(CatalogEntity entity) => entity switch
    {
        Team => BackstageKinds.Group,
        Person => BackstageKinds.User,
        Service => BackstageKinds.Component,
        Api => BackstageKinds.Api,
        Resource => BackstageKinds.Resource,
        SoftwareSystem => BackstageKinds.System,
        _ => BackstageKinds.Domain,
    };

    /// <summary>
    /// A hierarchy edge to a team of another origin: a conflict (an error in the report and a refused write in the
    /// audit log), nothing changed; the reference is kept as written. A conflict already kept from an earlier run is
    /// only noted, so a sync that runs every few minutes does not report and audit it again each time. A child of
    /// another origin that still hangs under this team (linked before origins were checked) is taken off, audited.
    /// </summary>
    private void RefuseHierarchy(RecordOutcome outcome, string field, EntityKey key, CatalogEntity other)
    {
        var name = FieldName(field);
        var edge = field == "spec.children" ? $"would make {other.Ref} its sub-team" : $"would make it a sub-team of {other.Ref}";
        var arrivedNow = _outcomes.TryGetValue(StoredCatalog.KeyOf(KindOf(other), other), out var brought) && ArrivedNow(brought) && ReferenceEquals(brought.Entity, other);
        if (!arrivedNow && catalog.Pending.Any(p => p.RecordId == outcome.Entity.Id && p.Field == name && KeyOf(p).Equals(key)))
        {
            Notice(outcome.Parsed, $"{field} '{key}' still belongs to {Describe(other)}, another origin: the team hierarchy {edge}, so it stays unmade and kept as written (reported as a conflict when first found).");
        }
        else
        {
            _problems.Add(new ImportProblem(
                outcome.Parsed.File,
                outcome.Parsed.Document,
                outcome.Parsed.Key.ToString(),
                $"conflict: {field} '{key}' belongs to {Describe(other)}, another origin; the team hierarchy {edge}, which only one origin may do (a team's members may change what its sub-teams own). Not applied; kept as written. An admin can hand one of the teams over.",
                ProblemSeverity.Error));
            Audit(batch.ActorOf(outcome.Parsed), "team.hierarchy.denied", PortalKind(BackstageKinds.Group), other.Ref, RecordSnapshot.Of(other), new Dictionary<string, object?> { [name] = outcome.Entity.Ref }, succeeded: false);
        }

        if (other is Team child)
        {
            TakeOffForeignChild(outcome, child);
        }

        _pending++;
        KeepWaiting(outcome, name, key);
    }

    /// <summary>
    /// Takes a stored child of another origin off <paramref name="outcome"/>'s team: another kind of source, people in
    /// Portal, or the same source at a location this batch knows is another origin's (another import scope or sender,
    /// another repository, the team sync under a repository's group). Such an edge is left from before the hierarchy
    /// had to stay within one origin, or from a hand-over of one team of a hierarchy. Audited
    /// (<c>team.hierarchy.removed</c>) and noted in the report. A child the batch cannot place
    /// (<see cref="CatalogBatch.OriginUnclear"/>: a file of the same scope that did not parse this time) is left alone.
    /// </summary>
    private void TakeOffForeignChild(RecordOutcome outcome, Team child)
    {
        if (child.ParentTeamId != outcome.Entity.Id
            || (child.Source == Source && child.Source != DataSource.Manual
                && (SameOrigin(outcome.Parsed, child) || batch.OriginUnclear(child.SourceLocation ?? ""))))
        {
            return;
        }

        child.SetParent(null);
        Notice(outcome.Parsed, $"{child.Ref} belongs to {Describe(child)}, another origin, so it cannot be a sub-team of {outcome.Entity.Ref} (a team's members may change what its sub-teams own); taken off");
        Audit(batch.ActorOf(outcome.Parsed), "team.hierarchy.removed", PortalKind(BackstageKinds.Group), child.Ref,
            new Dictionary<string, object?> { ["parent"] = outcome.Entity.Ref }, new Dictionary<string, object?> { ["parent"] = null });
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
