using Portal.Domain.Catalog;
using Portal.Domain.Common;
using Portal.Ingest.Backstage;

namespace Portal.Ingest.Catalog;

// The team hierarchy's origin rules: which edges one origin may make, keep or take off.
internal sealed partial class ReconcileRun
{
    /// <summary>
    /// Children a group of this run lists that are stored, of its origin, and not read this run: linked when they have
    /// no parent (as the child's later arrival would have linked them: either order ends the same), audited as a link.
    /// One that has a parent keeps it: its own definition, when read, decides.
    /// </summary>
    private void LinkListedOutside(Dictionary<Team, RecordOutcome> listedOutside)
    {
        foreach (var (child, outcome) in listedOutside.Where(c => c.Key.ParentTeamId is null).OrderBy(c => c.Key.Ref, StringComparer.Ordinal))
        {
            var parent = (Team)outcome.Entity;
            var loop = false;
            for (var t = parent; t is not null && !loop; t = t.ParentTeam)
            {
                loop = t == child;
            }

            if (loop)
            {
                Notice(outcome.Parsed, $"spec.children '{child.Ref}' would make the team hierarchy a loop; left unset");
                continue;
            }

            var before = Snapshot(child, null);
            child.SetParent(parent);
            AuditLink(child, BackstageKinds.Group, "parent", parent, before);
        }
    }

    /// <summary>
    /// The parent a team whose definition names none (and that no group of this run lists) keeps. Of its origin: cleared
    /// when the parent's definition was read in this run (it no longer lists the team) or this run speaks for the
    /// parent's location and does not define it any more; kept when the run cannot see that definition (another file
    /// of the origin, not read this time), so the hierarchy does not depend on how files are grouped into runs. Of
    /// another origin: taken off, noted and audited (<c>team.hierarchy.removed</c>), as the parent's run would. Not
    /// placeable (<see cref="CatalogBatch.OriginUnclear"/>: its file did not parse, or was not part of this send): kept,
    /// with a notice.
    /// </summary>
    private Team? ParentKept(RecordOutcome outcome, HashSet<Team> inBatch)
    {
        var team = (Team)outcome.Entity;
        if (team.ParentTeam is not { } parent)
        {
            return null;
        }

        var location = parent.SourceLocation ?? "";
        if (SameOrigin(outcome.Parsed, parent))
        {
            return inBatch.Contains(parent) || batch.Covers(location) ? null : parent;
        }

        if (UnclearBecause(parent) is { } why)
        {
            Notice(outcome.Parsed, $"cannot tell whose its parent {parent.Ref} is this run ({why}), so the team hierarchy is left as it is");
            return parent;
        }

        Notice(outcome.Parsed, $"its parent {parent.Ref} belongs to {Describe(parent)}, another origin, so it cannot stay a sub-team of it (a team's members may change what its sub-teams own); taken off");
        Audit(batch.ActorOf(outcome.Parsed), "team.hierarchy.removed", PortalKind(BackstageKinds.Group), team.Ref,
            new Dictionary<string, object?> { ["parent"] = parent.Ref }, new Dictionary<string, object?> { ["parent"] = null });
        return null;
    }

    /// <summary>
    /// A team of this source whose origin this run cannot tell (<see cref="CatalogBatch.OriginUnclear"/>: its file did
    /// not parse this time, or was not part of this send): no conflict is reported for it and its place in the hierarchy
    /// is left as it is.
    /// </summary>
    private bool Unclear(CatalogEntity other) => UnclearBecause(other) is not null;

    /// <summary>Why this run cannot tell whose <paramref name="other"/> is (see <see cref="Unclear"/>), or null.</summary>
    private string? UnclearBecause(CatalogEntity other) =>
        other.Source == Source && other.Source != DataSource.Manual ? batch.OriginUnclear(other.SourceLocation ?? "") : null;

    /// <summary>
    /// A hierarchy reference to a team this run cannot place (<see cref="Unclear"/>): noted, nothing linked or taken off,
    /// no conflict, no audit. When the edge is there, nothing more; when it is not, the reference is kept as written
    /// (waiting, as the export shows it), so a send of a group before or after its sub-team's send ends the same.
    /// </summary>
    private void LeaveUnclear(RecordOutcome outcome, string field, EntityKey key, CatalogEntity other)
    {
        Notice(outcome.Parsed, $"{field} '{key}': cannot tell whose {other.Ref} is this run ({UnclearBecause(other)}), so the team hierarchy is left as it is");
        var team = (Team)outcome.Entity;
        var linked = field == "spec.children" ? other is Team child && child.ParentTeamId == team.Id : team.ParentTeamId == other.Id;
        if (!linked)
        {
            KeepWaiting(outcome, FieldName(field), key);
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
    /// (<see cref="CatalogBatch.OriginUnclear"/>: a file of the same scope that did not parse this time, another file of
    /// the same sender not part of this send) is left alone.
    /// </summary>
    private void TakeOffForeignChild(RecordOutcome outcome, Team child)
    {
        if (child.ParentTeamId != outcome.Entity.Id
            || (child.Source == Source && child.Source != DataSource.Manual
                && (SameOrigin(outcome.Parsed, child) || Unclear(child))))
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
}
