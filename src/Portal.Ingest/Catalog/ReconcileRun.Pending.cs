using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Domain.Common;
using Portal.Ingest.Backstage;

namespace Portal.Ingest.Catalog;

// References that wait: kept as written while their target is not in the catalog, linked when it arrives.
internal sealed partial class ReconcileRun
{
    // What each record this run wrote names and the catalog does not hold (yet), by record id.
    private readonly Dictionary<Guid, HashSet<(string Field, EntityKey Target)>> _waiting = [];

    private Dictionary<Guid, Service>? _servicesById;

    // Built on the first link that needs them: which edges and API relations exist (source/service, target/API).
    private HashSet<(Guid, Guid)>? _edgeIndex;
    private HashSet<(Guid, Guid, ApiRelation)>? _relationIndex;

    /// <summary>
    /// Keeps a reference of a record this run writes that names nothing in the catalog: it is stored as written,
    /// shown as "not in the catalog yet", and linked as soon as any source brings the target. A record another
    /// origin owns is only compared, so nothing is kept for it.
    /// </summary>
    private void Wait(BackstageEntity from, string field, EntityKey target)
    {
        if (!_outcomes.TryGetValue(from.Key, out var outcome) || outcome.ReadOnly)
        {
            return;
        }

        if (KeepWaiting(outcome, FieldName(field), target))
        {
            Notice(from, $"{field} '{target}' is not in the catalog yet; kept as written and linked when it arrives");
        }
    }

    /// <summary>Adds a waiting reference of a writable record; false when the record is another origin's or it was kept already.</summary>
    private bool KeepWaiting(RecordOutcome outcome, string field, EntityKey target)
    {
        if (outcome.ReadOnly || outcome.Parsed is BackstageComponent && field == "owner")
        {
            // A service keeps an owner as written in its own OwnerRef.
            return false;
        }

        if (!_waiting.TryGetValue(outcome.Entity.Id, out var references))
        {
            references = _waiting[outcome.Entity.Id] = [];
        }

        return references.Add((field, target));
    }

    private static string FieldName(string field) => field.StartsWith("spec.", StringComparison.Ordinal) ? field["spec.".Length..] : field;

    // Ids or references per query when loading waiting references.
    private const int QueryChunk = 500;

    /// <summary>
    /// Loads the waiting references this run may change, not the whole table: those of the records it writes, and
    /// those naming one of them (compared without regard to case, as references are). Any other waiting reference
    /// names something that is still not in the catalog (or a team of another origin, which only its arrival could
    /// link), so no run but one writing its record or its target changes it.
    /// </summary>
    private async Task LoadWaitingReferencesAsync(CancellationToken ct)
    {
        var written = Writable(_ => true).ToList();
        var rows = new Dictionary<Guid, PendingReference>();
        foreach (var chunk in written.Select(o => o.Entity.Id).Chunk(QueryChunk))
        {
            foreach (var row in await db.PendingReferences.Where(p => chunk.Contains(p.RecordId)).ToListAsync(ct))
            {
                rows.TryAdd(row.Id, row);
            }
        }

        foreach (var chunk in written.Select(o => o.Parsed.Key.ToString().ToLowerInvariant()).Distinct(StringComparer.Ordinal).Chunk(QueryChunk))
        {
            foreach (var row in await db.PendingReferences.Where(p => chunk.Contains(p.Target.ToLower())).ToListAsync(ct))
            {
                rows.TryAdd(row.Id, row);
            }
        }

        catalog.Pending = [.. rows.Values];
    }

    /// <summary>
    /// The waiting references of every record this run wrote are exactly those its definition names and the
    /// catalog does not hold: new ones are kept, those now linked (or no longer written) go.
    /// </summary>
    private void KeepWaitingReferences()
    {
        CapWaitingReferences();
        var stored = catalog.Pending.ToLookup(p => p.RecordId);
        var kept = new List<PendingReference>();
        foreach (var outcome in Writable(_ => true))
        {
            var id = outcome.Entity.Id;
            var wanted = _waiting.GetValueOrDefault(id) ?? [];
            var rows = stored[id].ToList();
            var gone = rows.Where(r => !wanted.Contains((r.Field, KeyOf(r)))).ToList();
            var added = wanted.Where(w => !rows.Any(r => r.Field == w.Field && KeyOf(r).Equals(w.Target))).ToList();
            outcome.Set(gone.Count > 0 || added.Count > 0, "references not in the catalog yet", () =>
            {
                foreach (var row in gone)
                {
                    db.Remove(row);
                }

                foreach (var (field, target) in added)
                {
                    var row = new PendingReference(id, outcome.Kind, field, target.ToString());
                    Insert(row);
                    kept.Add(row);
                }
            });
            kept.AddRange(rows.Except(gone));
        }

        var written = Writable(_ => true).Select(o => o.Entity.Id).ToHashSet();
        catalog.Pending = [.. kept, .. catalog.Pending.Where(p => !written.Contains(p.RecordId))];
    }

    /// <summary>
    /// At most <see cref="SourceRule.MaxWaiting"/> waiting references for the records of one run: the first by record
    /// (reference order), field and target are kept, the rest dropped, and the report says how many and which setting.
    /// </summary>
    private void CapWaitingReferences()
    {
        var cap = batch.Rule.MaxWaiting;
        var writable = Writable(o => _waiting.ContainsKey(o.Entity.Id)).OrderBy(o => o.Parsed.Key.ToString(), StringComparer.Ordinal).ToList();
        var total = writable.Sum(o => _waiting[o.Entity.Id].Count);
        if (total <= cap)
        {
            return;
        }

        var kept = 0;
        RecordOutcome? first = null;
        foreach (var outcome in writable)
        {
            var references = _waiting[outcome.Entity.Id];
            var ordered = references.OrderBy(r => r.Field, StringComparer.Ordinal).ThenBy(r => r.Target.ToString(), StringComparer.Ordinal).ToList();
            foreach (var reference in ordered.Skip(Math.Max(cap - kept, 0)))
            {
                references.Remove(reference);
                first ??= outcome;
            }

            kept += references.Count;
        }

        _problems.Add(new ImportProblem(
            first!.Parsed.File,
            first.Parsed.Document,
            first.Parsed.Key.ToString(),
            $"{total - cap} of {total} references not in the catalog yet were not kept, from this record on: one run keeps at most {cap} "
            + $"(setting {SourceRules.Section}:MaxWaitingReferences). Everything else of the run was applied; those references stay unlinked until their records are written again.",
            ProblemSeverity.Error));
    }

    /// <summary>
    /// Links the waiting references of records this run did not write whose target this run wrote (those
    /// <see cref="LoadWaitingReferencesAsync"/> loaded), and the unresolved owner of any service whose team is now in
    /// the catalog: the record gets its owner, system, domain, parent,
    /// membership, API relation or dependency, the reference stops waiting, and the record's audit entry names
    /// the source that brought the target. A field people have filled since is left as they set it.
    /// </summary>
    private async Task LinkWaitingReferencesAsync(CancellationToken ct)
    {
        var written = Writable(_ => true).Select(o => o.Entity.Id).ToHashSet();
        // A person named as owner stays a person: only a team becomes an owner.
        var candidates = catalog.Pending
            .Where(p => !written.Contains(p.RecordId) && !(p.Field == "owner" && KeyOf(p).Kind != BackstageKinds.Group) && catalog.Find(KeyOf(p)) is not null)
            .ToList();
        var owners = catalog.Services.Values.Where(s => !written.Contains(s.Id) && !s.IsOrphaned && s.OwnerTeamId is null && s.OwnerRef is not null && !s.IsOwnedByPerson).ToList();
        if (candidates.Count == 0 && owners.Count == 0)
        {
            return;
        }

        var records = catalog.All().ToDictionary(r => r.Entity.Id, r => r.Entity);
        foreach (var service in owners)
        {
            var (ns, name) = EntityRef.Parse(service.OwnerRef!);
            if (catalog.Teams.GetValueOrDefault(new EntityKey(BackstageKinds.Group, ns, name)) is { } team)
            {
                var before = Snapshot(service, RelationsNow());
                service.AssignOwner(team);
                AuditLink(service, BackstageKinds.Component, "owner", team, before);
            }
        }

        foreach (var row in candidates)
        {
            var target = catalog.Find(KeyOf(row))!;
            if (records.GetValueOrDefault(row.RecordId) is Team team && row.Field is "parent" or "children" && !MayJoin(team, row, target))
            {
                // Kept as written: a hierarchy edge between two origins is a conflict, whichever arrived first.
                continue;
            }

            if (records.GetValueOrDefault(row.RecordId) is { } record)
            {
                var before = Snapshot(record, RelationsNow());
                if (Link(record, row.Field, target))
                {
                    AuditLink(record, row.RecordKind, row.Field, target, before);
                }
            }

            db.Remove(row);
            catalog.Pending.Remove(row);
            await SaveIfDueAsync(ct);
        }
    }

    /// <summary>
    /// Whether a waiting <c>parent</c> or <c>children</c> reference of <paramref name="team"/> may link to
    /// <paramref name="target"/>: only when this run brought the target for an origin that owns the team (see
    /// <see cref="SetParents"/>). A target of another origin arriving is reported as a conflict and audited as refused.
    /// </summary>
    private bool MayJoin(Team team, PendingReference row, CatalogEntity target)
    {
        if (!_outcomes.TryGetValue(KeyOf(row), out var arrived) || arrived.ReadOnly || !ReferenceEquals(arrived.Entity, target))
        {
            return false;
        }

        if (team.Source == Source && team.Source != DataSource.Manual && batch.OwnsLocation(arrived.Parsed, team.SourceLocation ?? ""))
        {
            return true;
        }

        var edge = row.Field == "children" ? $"lists it in spec.children, which would make it a sub-team of {team.Ref}" : $"names it as spec.parent, which would make {team.Ref} its sub-team";
        if (UnclearBecause(team) is { } why)
        {
            Notice(arrived.Parsed, $"{team.Ref} {edge}, but this run cannot tell whose {team.Ref} is ({why}); not linked, left waiting");
            return false;
        }

        if (!ArrivedNow(arrived))
        {
            // Not an arrival: the conflict was reported when the target arrived or when the team was written.
            Notice(arrived.Parsed, $"{team.Ref}, which belongs to {Describe(team)} (another origin), still {edge}; not linked (reported as a conflict when first found).");
            _pending++;
            return false;
        }

        _problems.Add(new ImportProblem(
            arrived.Parsed.File,
            arrived.Parsed.Document,
            arrived.Parsed.Key.ToString(),
            $"conflict: {team.Ref}, which belongs to {Describe(team)} (another origin), {edge}; only one origin may join teams (a team's members may change what its sub-teams own). Not linked; the reference stays as written. An admin can hand one of the teams over.",
            ProblemSeverity.Error));
        Audit(batch.ActorOf(arrived.Parsed), "team.hierarchy.denied", PortalKind(BackstageKinds.Group), team.Ref, RecordSnapshot.Of(team), new Dictionary<string, object?> { [row.Field] = target.Ref }, succeeded: false);
        _pending++;
        return false;
    }

    /// <summary>
    /// Whether this run brought the record to its origin: created it, or adopted it from another origin (an orphan of
    /// another import or repository). A hierarchy conflict with it is then new, reported and audited, not only noted.
    /// </summary>
    private bool ArrivedNow(RecordOutcome outcome) =>
        outcome.Created
        || (!outcome.ReadOnly && outcome.OriginBefore is { } before
            && (before.Source != Source || !batch.OwnsLocation(outcome.Parsed, before.Location ?? "")));

    private void AuditLink(CatalogEntity record, string kind, string field, CatalogEntity target, object before)
    {
        var type = PortalKind(kind);
        var after = Snapshot(record, RelationsNow());
        after["linked"] = $"{field}: {target.Ref}";
        Audit(batch.ActorAt(target.SourceLocation ?? batch.Scope), $"{type}.reference.link", type, record.Ref, before, after);
        _pending++;
    }

    /// <summary>Applies one waiting reference of <paramref name="record"/> to its now present <paramref name="target"/>.</summary>
    private bool Link(CatalogEntity record, string field, CatalogEntity target)
    {
        switch (field, record, target)
        {
            case ("owner", OwnedCatalogEntity owned, Team team) when owned.OwnerTeamId is null:
                owned.AssignOwner(team);
                return true;
            case ("system", Service service, SoftwareSystem system) when service.SystemId is null:
                service.PlaceInSystem(system);
                return true;
            case ("system", Api api, SoftwareSystem system) when api.SystemId is null:
                api.PlaceInSystem(system);
                return true;
            case ("system", Resource resource, SoftwareSystem system) when resource.SystemId is null:
                resource.PlaceInSystem(system);
                return true;
            case ("domain", SoftwareSystem system, BusinessDomain domain) when system.DomainId is null:
                system.PlaceInDomain(domain);
                return true;
            case ("parent", Team team, Team parent) when team.ParentTeamId is null && !IsWithin(parent, team):
                team.SetParent(parent);
                return true;
            case ("children", Team parent, Team child) when child.ParentTeamId is null && !IsWithin(parent, child):
                child.SetParent(parent);
                return true;
            case ("memberOf", Person person, Team team):
                return AddMembership(team, person);
            case ("members", Team team, Person person):
                return AddMembership(team, person);
            case ("providesApis", Service service, Api api):
                return AddApiRelation(service, api, ApiRelation.Provides);
            case ("consumesApis", Service service, Api api):
                return AddApiRelation(service, api, ApiRelation.Consumes);
            case ("dependsOn" or "interactions", Service service, Service to) when to.Id != service.Id:
                return AddEdge(service, to);
            case ("dependsOn" or "interactions", Service service, Resource to):
                return AddEdge(service, to);
            default:
                return false;
        }
    }

    /// <summary>Whether <paramref name="team"/> is <paramref name="root"/> or below it (making it a parent would close a loop).</summary>
    private static bool IsWithin(Team team, Team root)
    {
        var visited = new HashSet<Guid>();
        for (var t = team; t is not null && visited.Add(t.Id); t = t.ParentTeam)
        {
            if (t.Id == root.Id)
            {
                return true;
            }
        }

        return false;
    }

    private bool AddMembership(Team team, Person person)
    {
        if (person.Memberships.Any(m => m.TeamId == team.Id) || !team.AddMember(person))
        {
            return false;
        }

        InsertRow(team.Memberships.First(m => m.PersonId == person.Id));
        return true;
    }

    /// <summary>A new API relation, and, as a first import of both sides would, the edges from consumers to providers it implies.</summary>
    private bool AddApiRelation(Service service, Api api, ApiRelation relation)
    {
        _relationIndex ??= [.. catalog.ServiceApis.Select(r => (r.ServiceId, r.ApiId, r.Relation))];
        if (!_relationIndex.Add((service.Id, api.Id, relation)))
        {
            return false;
        }

        var row = new ServiceApi(service, api, relation);
        Insert(row);
        catalog.ServiceApis.Add(row);
        Related(row);
        var other = relation == ApiRelation.Provides ? ApiRelation.Consumes : ApiRelation.Provides;
        var services = _servicesById ??= catalog.Services.Values.ToDictionary(s => s.Id);
        foreach (var peer in catalog.ServiceApis.Where(r => r.ApiId == api.Id && r.Relation == other && r.ServiceId != service.Id).ToList())
        {
            if (services.GetValueOrDefault(peer.ServiceId) is { } peerService)
            {
                var (consumer, provider) = relation == ApiRelation.Consumes ? (service, peerService) : (peerService, service);
                AddEdge(consumer, provider);
            }
        }

        return true;
    }

    private bool AddEdge(Service from, CatalogEntity to)
    {
        _edgeIndex ??= [.. catalog.Dependencies.Select(e => (e.SourceServiceId, (e.TargetServiceId ?? e.TargetResourceId)!.Value))];
        if (!_edgeIndex.Add((from.Id, to.Id)))
        {
            return false;
        }

        var edge = to is Resource resource
            ? Dependency.ToResource(from, resource, ResourceAccess.ReadWrite, from.Source)
            : Dependency.ToService(from, (Service)to, InteractionKind.Unknown, from.Source);
        InsertRow(edge);
        catalog.Dependencies.Add(edge);
        Related(edge);
        return true;
    }

    private static EntityKey KeyOf(PendingReference row) => EntityRefs.TargetOf(row);
}
