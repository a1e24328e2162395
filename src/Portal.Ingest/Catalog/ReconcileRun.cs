using Portal.Domain.Auditing;
using Portal.Domain.Catalog;
using Portal.Domain.Common;
using Portal.Domain.Persistence;
using Portal.Domain.Security;
using Portal.Ingest.Backstage;

namespace Portal.Ingest.Catalog;

/// <summary>
/// Applies one <see cref="CatalogBatch"/> to a tracked <see cref="StoredCatalog"/>. New rows are saved in
/// batches of <c>batchSize</c> as they are added, inside the caller's transaction; changes to stored records
/// are left for the caller to detect and save last, before it commits, so a run is all or nothing.
/// </summary>
/// <remarks>
/// The rules, in the order they apply:
/// <list type="number">
/// <item><b>Source rules</b>: a kind the source may not define is rejected with the rule and its setting.</item>
/// <item><b>No takeover</b>: a record belongs to the source and location that created it, or to people once
/// edited by hand. Another origin defining it is compared read-only: identical is <em>unchanged</em>, different is
/// a <em>conflict</em> (an error, nothing changed), as Backstage does with <c>managed-by-origin-location</c>. An
/// orphaned record (its origin dropped it) may be adopted by an origin of the same kind only
/// (<see cref="CatalogBatch.OriginKindOf"/>). An admin hands a record over explicitly.</item>
/// <item><b>Write</b>: fields compared before they are set, so an unchanged record keeps its version; relations
/// (parents, memberships, APIs, dependencies) follow; records the batch covers and no longer names are orphaned;
/// every record written gets an audit entry naming the source and location, with before and after.</item>
/// </list>
/// </remarks>
internal sealed partial class ReconcileRun(PortalDbContext db, StoredCatalog catalog, CatalogBatch batch, int batchSize)
{
    private const int MaxSourceLocationLength = 1000;

    private readonly List<ImportProblem> _problems = [.. batch.Read.Problems];
    private readonly List<RejectedEntity> _rejected = [.. batch.Read.Rejected];
    private readonly Dictionary<EntityKey, RecordOutcome> _outcomes = [];
    private readonly Dictionary<string, int> _orphaned = [];
    private readonly List<RecordChange> _orphanedRecords = [];

    // Keys whose only definitions in the batch were conflicts, or of a kind the source may not define (a repository's
    // User from before the source rules): they do not keep a stored record alive.
    private readonly HashSet<EntityKey> _conflicts = [];

    // Definitions refused because another origin of the batch defines a stored record: audited as refused writes.
    private readonly List<(BackstageEntity Entity, CatalogEntity Stored)> _refused = [];

    // New rows added since the last intermediate save; the edges, memberships and audit entries among them are
    // kept aside (not tracked) and written in bulk (BulkInsert): EF's save costs about 100 µs a row.
    private readonly List<Dependency> _newEdges = [];
    private readonly List<TeamMembership> _newMemberships = [];
    private readonly List<AuditEntry> _audit = [];
    private int _pending;

    private DataSource Source => batch.Source;

    public async Task ExecuteAsync(CancellationToken ct)
    {
        IndexRelationsAtStart();
        var (accepted, foreign) = Accept();
        foreach (var kind in BackstageKinds.Imported)
        {
            foreach (var entity in accepted.Where(e => e.Key.Kind == kind))
            {
                Upsert(entity, created => Track(entity, created, readOnly: false));
                await SaveIfDueAsync(ct);
            }
        }

        foreach (var entity in foreign)
        {
            Upsert(entity, _ => Track(entity, created: false, readOnly: true));
        }

        ReportConflicts();
        // Before the relations: a conflict kept waiting from an earlier run is only noted again, not re-reported.
        await LoadWaitingReferencesAsync(ct);
        SetParents();
        await SetMembershipsAsync(ct);
        await SetServiceApisAsync(ct);
        await SetDependenciesAsync(ct);
        LinkConsumersToNewProviders();
        KeepWaitingReferences();
        await LinkWaitingReferencesAsync(ct);
        RecordProvenance();
        MarkOrphans();
        await StopWaitingAsync(ct);
        await AuditWritesAsync(ct);
    }

    public ImportReport Report()
    {
        var kinds = new Dictionary<string, KindCounts>(StringComparer.Ordinal);
        foreach (var kind in BackstageKinds.Imported)
        {
            var outcomes = _outcomes.Values.Where(o => o.Kind == kind && !(o.ReadOnly && o.Changed)).ToList();
            kinds[kind] = new KindCounts(
                outcomes.Count(o => o.Created),
                outcomes.Count(o => !o.Created && o.Changed),
                outcomes.Count(o => !o.Created && !o.Changed),
                _rejected.Count(r => r.Kind == kind))
            {
                Orphaned = _orphaned.GetValueOrDefault(kind),
                SourceRecorded = outcomes.Count(o => !o.Created && !o.Changed && o.SourceTaken),
            };
        }

        var problems = _problems.OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.DocumentIndex).ToList();
        var records = _outcomes.Values.Select(o => new RecordChange(
                o.Kind,
                o.Parsed.Key.ToString(),
                o.Parsed.Title,
                o.ReadOnly && o.Changed ? RecordChangeKind.Conflict : o.Created ? RecordChangeKind.Created : o.Changed ? RecordChangeKind.Updated : RecordChangeKind.Unchanged,
                [.. (o.ReadOnly ? o.Differences : o.Fields).Distinct(StringComparer.Ordinal)],
                o.Parsed.File,
                o.Parsed.Document,
                o.VersionBefore))
            .Concat(_orphanedRecords)
            .OrderBy(r => KindRank(r.Kind)).ThenBy(r => r.Ref, StringComparer.Ordinal)
            .ToList();
        return new ImportReport(batch.Scope, kinds, problems) { Records = records };
    }

    /// <summary>
    /// Splits the batch's entities into those it may write and those another origin owns (compared only);
    /// entities the source may not define, or with a location too long to record, are rejected.
    /// </summary>
    private (List<BackstageEntity> Accepted, List<BackstageEntity> Foreign) Accept()
    {
        var accepted = new List<BackstageEntity>();
        var foreign = new List<BackstageEntity>();
        foreach (var entity in OnePerKey(batch.Read.Entities))
        {
            if (!batch.Rule.Allows(entity.Key.Kind))
            {
                Conflict(entity, batch.Rule.Refusal(entity.Key.Kind));
                continue;
            }

            if (batch.LocationOf(entity).Length > MaxSourceLocationLength)
            {
                Reject(entity, $"the file path is too long to record as the source (more than {MaxSourceLocationLength} characters)");
                continue;
            }

            var stored = catalog.Find(entity.Key);
            if (stored is null || Belongs(stored, entity))
            {
                accepted.Add(entity);
            }
            else
            {
                foreign.Add(entity);
            }
        }

        return (accepted, foreign);
    }

    /// <summary>
    /// One entity per key. Two origins of one batch defining the same entity (two repositories of one sync): the
    /// one the stored record belongs to goes on, or, for a new record, the first by location (so the outcome does
    /// not depend on the order things were read in); each other one is a conflict.
    /// </summary>
    private IEnumerable<BackstageEntity> OnePerKey(IEnumerable<BackstageEntity> entities)
    {
        foreach (var group in entities.GroupBy(e => e.Key))
        {
            var candidates = group.OrderBy(batch.LocationOf, StringComparer.Ordinal).ToList();
            if (candidates.Count == 1)
            {
                yield return candidates[0];
                continue;
            }

            var stored = catalog.Find(group.Key);
            var chosen = (stored is null ? null : candidates.FirstOrDefault(e => stored.Source == Source && batch.OwnsLocation(e, stored.SourceLocation ?? "")))
                ?? candidates[0];
            var holder = stored is null ? $"is also defined at {batch.LocationOf(chosen)}, which comes first" : $"belongs to {Describe(stored)}";
            foreach (var other in candidates.Where(c => !ReferenceEquals(c, chosen)))
            {
                Conflict(other, $"conflict: {group.Key} {holder}; this definition was not applied. An admin can hand the record over to this location ({batch.LocationOf(other)}).");
                if (stored is not null)
                {
                    _refused.Add((other, stored));
                }
            }

            yield return chosen;
        }
    }

    /// <summary>Whether <paramref name="stored"/> is the entity's origin's to change (or free to adopt).</summary>
    private bool Belongs(CatalogEntity stored, BackstageEntity entity)
    {
        if (stored.IsOrphaned)
        {
            // Only an origin of the same kind adopts (another repository of the organisation, another import); a
            // record another kind of origin made stays as it is until an admin hands it over.
            if (CatalogBatch.OriginKindOf(stored.Source, stored.SourceLocation) != CatalogBatch.OriginKindOf(Source, batch.LocationOf(entity)))
            {
                return false;
            }

            if (stored.Source != Source || !batch.OwnsLocation(entity, stored.SourceLocation ?? ""))
            {
                Notice(entity, $"adopted: the record came from {Describe(stored)}, which no longer defines it");
            }

            return true;
        }

        return stored.Source == Source && stored.Source != DataSource.Manual && batch.OwnsLocation(entity, stored.SourceLocation ?? "");
    }

    /// <summary>Where a stored record belongs, in words.</summary>
    internal static string Describe(CatalogEntity stored) => stored.Source switch
    {
        DataSource.Manual => "people editing it in Portal",
        DataSource.Demo => "the demo data",
        _ when stored.SourceLocation is { } location => location,
        _ => stored.Source.ToString(),
    };

    /// <summary>A foreign record the entity would change is a conflict: reported, rejected, nothing written.</summary>
    private void ReportConflicts()
    {
        foreach (var outcome in _outcomes.Values.Where(o => o.ReadOnly && o.Changed))
        {
            Conflict(
                outcome.Parsed,
                $"conflict: {outcome.Parsed.Key} belongs to {Describe(outcome.Entity)}{(outcome.Entity.IsOrphaned ? " (orphaned there; only an origin of the same kind may adopt it)" : "")}; this definition differs ({string.Join(", ", outcome.Differences.Distinct())}) "
                + $"and was not applied. An admin can hand the record over to this location ({batch.LocationOf(outcome.Parsed)}).");
        }
    }

    private void Upsert(BackstageEntity entity, Func<bool, RecordOutcome> track)
    {
        switch (entity)
        {
            case BackstageGroup g:
                UpsertGroup(g, track);
                break;
            case BackstageUser u:
                UpsertUser(u, track);
                break;
            case BackstageDomain d:
                UpsertDomain(d, track);
                break;
            case BackstageSystem s:
                UpsertSystem(s, track);
                break;
            case BackstageResource r:
                UpsertResource(r, track);
                break;
            case BackstageApi a:
                UpsertApi(a, track);
                break;
            case BackstageComponent c:
                UpsertComponent(c, track);
                break;
        }
    }

    private void Reject(BackstageEntity entity, string reason)
    {
        _problems.Add(new ImportProblem(entity.File, entity.Document, entity.Key.ToString(), reason, ProblemSeverity.Error));
        _rejected.Add(new RejectedEntity(entity.Key.Kind, entity.Key));
    }

    private void Conflict(BackstageEntity entity, string reason)
    {
        Reject(entity, reason);
        _conflicts.Add(entity.Key);
    }

    private void Notice(BackstageEntity entity, string reason) =>
        _problems.Add(new ImportProblem(entity.File, entity.Document, entity.Key.ToString(), reason, ProblemSeverity.Notice));

    private static int KindRank(string kind)
    {
        var rank = 0;
        foreach (var known in BackstageKinds.Imported)
        {
            if (known == kind)
            {
                break;
            }

            rank++;
        }

        return rank;
    }

    private RecordOutcome Track(BackstageEntity parsed, bool created, bool readOnly, CatalogEntity? entity = null)
    {
        var outcome = new RecordOutcome(parsed, entity ?? catalog.Find(parsed.Key)!, created, readOnly);
        _outcomes[parsed.Key] = outcome;
        if (created)
        {
            // Now, not in RecordProvenance: a new row may be saved in a batch before then, and setting it
            // afterwards would update every new row a second time.
            outcome.Entity.RecordSource(Source, batch.LocationOf(parsed));
            outcome.SourceTaken = true;
        }

        return outcome;
    }

    /// <summary>Marks a new row for insertion; it is written with the next batch.</summary>
    private void Insert(object entity)
    {
        db.Add(entity);
        _pending++;
    }

    /// <summary>
    /// Keeps a new edge or membership (not tracked) for the next batch, which tracks it as written, saves the
    /// batch's other new rows (its service, team and person) and then writes it with <see cref="BulkInsert"/>.
    /// </summary>
    private void InsertRow(Dependency edge)
    {
        _newEdges.Add(edge);
        _pending++;
    }

    /// <inheritdoc cref="InsertRow(Dependency)"/>
    private void InsertRow(TeamMembership membership)
    {
        _newMemberships.Add(membership);
        _pending++;
    }

    /// <summary>An audit entry of this run, written with the next batch.</summary>
    private void Audit(Actor actor, string action, string type, string key, object? before, object? after, bool succeeded = true) =>
        _audit.Add(AuditLog.Entry(actor, action, type, key, before, after, succeeded));

    /// <summary>
    /// Writes the new rows added so far once there are <c>batchSize</c> of them, so EF never prepares the
    /// whole run's commands at once. Changes to stored records are not detected here (automatic detection is
    /// off), so they wait for the caller's last save.
    /// </summary>
    private async Task SaveIfDueAsync(CancellationToken ct)
    {
        if (_pending >= batchSize)
        {
            await FlushAsync(ct);
        }
    }

    /// <summary>
    /// Writes every new row not written yet: first those EF saves (records, API relations, and whatever a touched
    /// record changed), then, in bulk, edges, memberships and audit entries, whose rows refer to the former.
    /// Changes to stored records that were not detected yet are still left for the caller's last save.
    /// </summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        db.TrackAsWritten(_newMemberships);
        db.TrackAsWritten(_newEdges);
        await db.SaveChangesAsync(ct);
        await db.InsertAsync(_newMemberships, ct);
        await db.InsertAsync(_newEdges, ct);
        await db.InsertAsync(_audit, ct);
        _newMemberships.Clear();
        _newEdges.Clear();
        _audit.Clear();
        _pending = 0;
    }

    private IEnumerable<RecordOutcome> Writable(Func<RecordOutcome, bool> which) =>
        _outcomes.Values.Where(o => !o.ReadOnly && which(o));
}
