using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Domain.Common;
using Portal.Ingest.Backstage;

namespace Portal.Ingest.Catalog;

// Where records came from, what the batch no longer names, and the audit entry of every record written.
internal sealed partial class ReconcileRun
{
    // Records orphaned or gone in this run: their waiting references go (StopWaitingAsync).
    private readonly List<Guid> _noLongerDefined = [];

    /// <summary>Portal's word for a Backstage kind, as the audit log and the sync page use it.</summary>
    public static string PortalKind(string kind) => kind switch
    {
        BackstageKinds.Component => "service",
        BackstageKinds.Group => "team",
        BackstageKinds.User => "person",
        _ => kind.ToLowerInvariant(),
    };

    private void RecordProvenance()
    {
        foreach (var outcome in Writable(_ => true))
        {
            var entity = outcome.Entity;
            var location = batch.LocationOf(outcome.Parsed);
            if (entity.IsOrphaned)
            {
                outcome.Changing();
            }

            if (batch.RetireTeamsAsGone && entity is Team { IsGone: true } team)
            {
                outcome.Changing();
                team.MarkPresent();
            }

            // New records got theirs when they were created (Track).
            if (!outcome.Created && (entity.IsOrphaned || entity.Source != Source || entity.SourceLocation != location))
            {
                outcome.ProvenanceChanging();
                entity.RecordSource(Source, location);
                outcome.SourceTaken = true;
            }
        }
    }

    /// <summary>
    /// Flags records the batch covers that no entity names any more: orphaned, or for teams of the GitHub team
    /// sync, gone. Files that could not be parsed are not covered: a typo must not orphan everything in the file.
    /// </summary>
    private void MarkOrphans()
    {
        // Still defined: by an entity the batch wrote, or by one it rejected for a mistake in its own file. A
        // conflicting definition from another origin does not keep the record alive.
        var present = Writable(_ => true).Select(o => o.Parsed.Key)
            .Concat(_rejected.Where(r => r.Key is not null && !_conflicts.Contains(r.Key)).Select(r => r.Key!))
            .ToHashSet();
        foreach (var (key, entity) in catalog.All())
        {
            if (entity.Source != Source || entity.SourceLocation is not { } location || present.Contains(key) || !batch.Covers(location))
            {
                continue;
            }

            var type = PortalKind(key.Kind);
            if (batch.RetireTeamsAsGone && entity is Team team)
            {
                if (!team.IsGone)
                {
                    var before = RecordSnapshot.Of(team);
                    team.MarkGone();
                    _noLongerDefined.Add(team.Id);
                    _orphaned[key.Kind] = _orphaned.GetValueOrDefault(key.Kind) + 1;
                _orphanedRecords.Add(new RecordChange(key.Kind, key.ToString(), entity.Title, RecordChangeKind.Orphaned, [], CatalogBatch.FileOf(location), 0, entity.Version));
                    Audit(batch.ActorAt(location), "team.gone", type, team.Ref, before, RecordSnapshot.Of(team));
                }
            }
            else if (!entity.IsOrphaned)
            {
                var before = RecordSnapshot.Of(entity);
                entity.MarkOrphaned();
                _noLongerDefined.Add(entity.Id);
                if (!batch.Rule.Allows(key.Kind))
                {
                    LeaveTeamsMadeUnderOldRules(entity);
                }

                _orphaned[key.Kind] = _orphaned.GetValueOrDefault(key.Kind) + 1;
                _orphanedRecords.Add(new RecordChange(key.Kind, key.ToString(), entity.Title, RecordChangeKind.Orphaned, [], CatalogBatch.FileOf(location), 0, entity.Version));
                Audit(batch.ActorAt(location), $"{type}.orphan", type, entity.Ref, before, RecordSnapshot.Of(entity));
            }
        }
    }

    /// <summary>
    /// The waiting references of a record its source no longer defines go with the definition: an orphan is not
    /// linked to targets that arrive later (an origin that adopts it keeps those its own definition names).
    /// </summary>
    private async Task StopWaitingAsync(CancellationToken ct)
    {
        foreach (var chunk in _noLongerDefined.Chunk(QueryChunk))
        {
            foreach (var row in await db.PendingReferences.Where(p => chunk.Contains(p.RecordId)).ToListAsync(ct))
            {
                db.Remove(row);
            }
        }
    }

    /// <summary>
    /// A person or team this source may no longer define (a repository's <c>kind: User</c> or <c>kind: Group</c> from
    /// before the source rules), now orphaned: the memberships it brought go with it, so a repository file cannot keep
    /// someone in a team. The orphan's audit entry lists the memberships before and after.
    /// </summary>
    private void LeaveTeamsMadeUnderOldRules(CatalogEntity entity)
    {
        List<TeamMembership> memberships = entity switch
        {
            Person person => [.. person.Memberships],
            Team team => [.. team.Memberships],
            _ => [],
        };
        foreach (var membership in memberships)
        {
            var team = membership.Team ?? catalog.Teams.Values.FirstOrDefault(t => t.Id == membership.TeamId);
            team?.RemoveMember(membership.PersonId);
            db.Remove(membership);
        }
    }

    /// <summary>
    /// One audit entry per record the batch wrote (created, changed, or its provenance recorded), naming the
    /// source and location as the actor, with the record before and after; and one per conflict, as a refused
    /// write. Entries are saved in batches like new rows, so a first import of thousands stays within memory.
    /// </summary>
    private async Task AuditWritesAsync(CancellationToken ct)
    {
        foreach (var (entity, stored) in _refused)
        {
            var type = PortalKind(entity.Key.Kind);
            Audit(batch.ActorOf(entity), $"{type}.update.denied", type, stored.Ref, RecordSnapshot.Of(stored), null, succeeded: false);
        }

        foreach (var outcome in _outcomes.Values)
        {
            var type = PortalKind(outcome.Kind);
            if (outcome.ReadOnly)
            {
                if (outcome.Changed)
                {
                    Audit(batch.ActorOf(outcome.Parsed), $"{type}.update.denied", type, outcome.Entity.Ref, RecordSnapshot.Of(outcome.Entity), null, succeeded: false);
                    _pending++;
                }
            }
            else if (outcome.Created || outcome.Changed || outcome.SourceTaken)
            {
                // A service's API relations and edges are part of what its source wrote: before as the run found them.
                if (outcome.Before is Dictionary<string, object?> before && outcome.Entity is Service service && _relationsAtStart is not null)
                {
                    AddRelations(before, service, _relationsAtStart);
                }

                Audit(batch.ActorOf(outcome.Parsed), $"{type}.{(outcome.Created ? "create" : "update")}", type, outcome.Entity.Ref, outcome.Before, Snapshot(outcome.Entity, RelationsNow()));
                _pending++;
            }

            await SaveIfDueAsync(ct);
        }
    }
}
