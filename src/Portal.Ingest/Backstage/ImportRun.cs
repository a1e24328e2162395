using Portal.Domain.Catalog;
using Portal.Domain.Common;
using Portal.Domain.Persistence;

namespace Portal.Ingest.Backstage;

/// <summary>
/// Resolves and writes one import into a tracked <see cref="StoredCatalog"/>. New rows are saved in
/// batches of <c>batchSize</c> as they are added, inside the caller's transaction; changes to stored
/// records are left for the caller to detect and save last, before it commits, so an import is still
/// all or nothing.
/// </summary>
/// <remarks>
/// Provenance rule: a record whose content the files describe exactly as stored counts as
/// <em>unchanged</em>, even when the import records itself as its source (a demo, manual or
/// differently-located record is taken over, so it can be orphaned later and is written by later
/// imports). Such take-overs are counted in <see cref="KindCounts.SourceRecorded"/>. A record that was
/// orphaned and reappears is <em>updated</em>: its flag changes visibly. Re-importing the same files
/// from the same place writes nothing at all.
/// </remarks>
internal sealed class ImportRun(
    PortalDbContext db, StoredCatalog catalog, CatalogReadResult read, string locationBase, string? orphanPrefix, int batchSize, DataSource source = DataSource.Import)
{
    private const int MaxSourceLocationLength = 1000;

    private readonly List<ImportProblem> _problems = [.. read.Problems];
    private readonly List<RejectedEntity> _rejected = [.. read.Rejected];
    private readonly Dictionary<EntityKey, Outcome> _outcomes = [];
    private readonly Dictionary<string, int> _orphaned = [];

    // Service/API relations created by this import: a consumer gets an edge to the API's providers
    // when one side of the relation is new, not on every import (someone may have removed it since).
    private readonly HashSet<(Guid Service, Guid Api, ApiRelation Relation)> _newRelations = [];

    // New rows added since the last intermediate save.
    private int _pending;

    public async Task ExecuteAsync(CancellationToken ct)
    {
        var accepted = Accept();
        foreach (var group in accepted.OfType<BackstageGroup>())
        {
            UpsertGroup(group);
            await SaveIfDueAsync(ct);
        }

        foreach (var user in accepted.OfType<BackstageUser>())
        {
            UpsertUser(user);
            await SaveIfDueAsync(ct);
        }

        foreach (var domain in accepted.OfType<BackstageDomain>())
        {
            UpsertDomain(domain);
            await SaveIfDueAsync(ct);
        }

        foreach (var system in accepted.OfType<BackstageSystem>())
        {
            UpsertSystem(system);
            await SaveIfDueAsync(ct);
        }

        foreach (var resource in accepted.OfType<BackstageResource>())
        {
            UpsertResource(resource);
            await SaveIfDueAsync(ct);
        }

        foreach (var api in accepted.OfType<BackstageApi>())
        {
            UpsertApi(api);
            await SaveIfDueAsync(ct);
        }

        foreach (var component in accepted.OfType<BackstageComponent>())
        {
            UpsertComponent(component);
            await SaveIfDueAsync(ct);
        }

        SetParents();
        await SetMembershipsAsync(ct);
        await SetServiceApisAsync(ct);
        await SetDependenciesAsync(ct);
        RecordProvenance();
        MarkOrphans();
    }

    public ImportReport Report(string scope)
    {
        var kinds = new Dictionary<string, KindCounts>(StringComparer.Ordinal);
        foreach (var kind in BackstageKinds.Imported)
        {
            var outcomes = _outcomes.Values.Where(o => o.Kind == kind).ToList();
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
        return new ImportReport(scope, kinds, problems);
    }

    /// <summary>Rejects entities whose owner is not a group in the files or in the database.</summary>
    private List<BackstageEntity> Accept()
    {
        var groups = read.Entities.OfType<BackstageGroup>().Select(g => g.Key).ToHashSet();
        var accepted = new List<BackstageEntity>();
        foreach (var entity in read.Entities)
        {
            if (entity.Owner is { } owner && !groups.Contains(owner) && !catalog.Teams.ContainsKey(owner))
            {
                Reject(entity, $"owner '{owner}' is not a group in these files or in Portal");
            }
            else if (LocationOf(entity).Length > MaxSourceLocationLength)
            {
                Reject(entity, $"the file path is too long to record as the source (more than {MaxSourceLocationLength} characters)");
            }
            else
            {
                accepted.Add(entity);
            }
        }

        return accepted;
    }

    private void Reject(BackstageEntity entity, string reason)
    {
        _problems.Add(new ImportProblem(entity.File, entity.Document, entity.Key.ToString(), reason, ProblemSeverity.Error));
        _rejected.Add(new RejectedEntity(entity.Key.Kind, entity.Key));
    }

    private void Notice(BackstageEntity entity, string reason) =>
        _problems.Add(new ImportProblem(entity.File, entity.Document, entity.Key.ToString(), reason, ProblemSeverity.Notice));

    private string LocationOf(BackstageEntity entity) => $"{locationBase}/{entity.File}#{entity.Document}";

    private Outcome Track(BackstageEntity parsed, CatalogEntity entity, bool created)
    {
        var outcome = new Outcome(parsed, entity, created);
        _outcomes[parsed.Key] = outcome;
        if (created)
        {
            // Now, not in RecordProvenance: a new row may be saved in a batch before then, and setting it
            // afterwards would update every new row a second time.
            entity.RecordSource(source, LocationOf(parsed));
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
    /// Writes the new rows added so far once there are <c>batchSize</c> of them, so EF never prepares the
    /// whole import's commands at once. Changes to stored records are not detected here (automatic
    /// detection is off), so they wait for the caller's last save.
    /// </summary>
    private async Task SaveIfDueAsync(CancellationToken ct)
    {
        if (_pending >= batchSize)
        {
            await db.SaveChangesAsync(ct);
            _pending = 0;
        }
    }

    private T Find<T>(Dictionary<EntityKey, T> map, BackstageEntity parsed, Func<T> create, out bool created)
        where T : CatalogEntity
    {
        if (map.TryGetValue(parsed.Key, out var existing))
        {
            created = false;
            return existing;
        }

        var entity = create();
        Insert(entity);
        map[parsed.Key] = entity;
        created = true;
        return entity;
    }

    private static void DescribeAndAnnotate(Outcome outcome)
    {
        var (parsed, entity) = (outcome.Parsed, outcome.Entity);
        outcome.Set(entity.Title != parsed.Title || entity.Description != parsed.Description, () => entity.Describe(parsed.Title, parsed.Description));
        outcome.Set(!Dictionaries.SameEntries(entity.Annotations, parsed.Annotations), () => entity.SetAnnotations(parsed.Annotations));
    }

    private void UpsertGroup(BackstageGroup group)
    {
        var team = Find(catalog.Teams, group, () => new Team(group.Key.Name, group.Title, group.Key.Namespace), out var created);
        var outcome = Track(group, team, created);
        DescribeAndAnnotate(outcome);
        outcome.Set(team.Type != group.Type, () => team.SetType(group.Type));
        var channel = group.ContactChannel ?? team.ContactChannel;
        outcome.Set(team.Email != group.Email || team.ContactChannel != channel, () => team.SetContact(channel, group.Email));
    }

    private void UpsertUser(BackstageUser user)
    {
        var person = Find(catalog.People, user, () => new Person(user.Key.Name, user.Title, user.Email, user.Key.Namespace), out var created);
        var outcome = Track(user, person, created);
        DescribeAndAnnotate(outcome);
        outcome.Set(person.Email != user.Email, () => person.SetEmail(user.Email));
    }

    private void UpsertDomain(BackstageDomain parsed)
    {
        var domain = Find(catalog.Domains, parsed, () => new BusinessDomain(parsed.Key.Name, parsed.Title, parsed.Key.Namespace), out var created);
        var outcome = Track(parsed, domain, created);
        DescribeAndAnnotate(outcome);
        var owner = OwnerOf(parsed);
        outcome.Set(domain.OwnerTeamId != owner.Id, () => domain.AssignOwner(owner));
    }

    private void UpsertSystem(BackstageSystem parsed)
    {
        var system = Find(catalog.Systems, parsed, () => new SoftwareSystem(parsed.Key.Name, parsed.Title, parsed.Key.Namespace), out var created);
        var outcome = Track(parsed, system, created);
        DescribeAndAnnotate(outcome);
        var owner = OwnerOf(parsed);
        outcome.Set(system.OwnerTeamId != owner.Id, () => system.AssignOwner(owner));
        var domain = Resolve(catalog.Domains, parsed.Domain, parsed, "spec.domain");
        outcome.Set(system.DomainId != domain?.Id, () => system.PlaceInDomain(domain));
    }

    private void UpsertResource(BackstageResource parsed)
    {
        var resource = Find(catalog.Resources, parsed, () => new Resource(parsed.Key.Name, parsed.Type, parsed.Title, parsed.Key.Namespace), out var created);
        var outcome = Track(parsed, resource, created);
        DescribeAndAnnotate(outcome);
        outcome.Set(resource.Type != parsed.Type, () => resource.SetType(parsed.Type));
        var owner = OwnerOf(parsed);
        outcome.Set(resource.OwnerTeamId != owner.Id, () => resource.AssignOwner(owner));
        var system = Resolve(catalog.Systems, parsed.System, parsed, "spec.system");
        outcome.Set(resource.SystemId != system?.Id, () => resource.PlaceInSystem(system));
    }

    private void UpsertApi(BackstageApi parsed)
    {
        var api = Find(catalog.Apis, parsed, () => new Api(parsed.Key.Name, parsed.Type, parsed.Title, parsed.Key.Namespace), out var created);
        var outcome = Track(parsed, api, created);
        DescribeAndAnnotate(outcome);
        outcome.Set(api.Type != parsed.Type, () => api.SetType(parsed.Type));
        outcome.Set(api.Lifecycle != parsed.Lifecycle, () => api.SetLifecycle(parsed.Lifecycle));
        outcome.Set(api.Definition != parsed.Definition, () => api.SetDefinition(parsed.Definition));
        var owner = OwnerOf(parsed);
        outcome.Set(api.OwnerTeamId != owner.Id, () => api.AssignOwner(owner));
        var system = Resolve(catalog.Systems, parsed.System, parsed, "spec.system");
        outcome.Set(api.SystemId != system?.Id, () => api.PlaceInSystem(system));
    }

    private void UpsertComponent(BackstageComponent parsed)
    {
        var service = Find(catalog.Services, parsed, () => new Service(parsed.Key.Name, parsed.Title, parsed.Key.Namespace), out var created);
        var outcome = Track(parsed, service, created);
        DescribeAndAnnotate(outcome);
        outcome.Set(service.Kind != parsed.Type, () => service.SetKind(parsed.Type));
        outcome.Set(service.Lifecycle != parsed.Lifecycle, () => service.SetLifecycle(parsed.Lifecycle));
        outcome.Set(!service.Tags.SequenceEqual(parsed.Tags, StringComparer.Ordinal), () => service.SetTags(parsed.Tags));
        outcome.Set(!service.Links.SequenceEqual(parsed.Links), () => service.SetLinks(parsed.Links));
        if (parsed.RepositoryUrl is { } repository)
        {
            outcome.Set(service.RepositoryUrl != repository, () => service.SetRepository(repository));
        }

        if (parsed.Tier is { } tier)
        {
            outcome.Set(service.Tier != tier, () => service.SetTier(tier));
        }

        var owner = OwnerOf(parsed);
        outcome.Set(service.OwnerTeamId != owner.Id || service.OwnerRef != owner.Ref, () => service.AssignOwner(owner));
        var system = Resolve(catalog.Systems, parsed.System, parsed, "spec.system");
        outcome.Set(service.SystemId != system?.Id, () => service.PlaceInSystem(system));
    }

    // Accept() made sure the owner is a group in the files (already written, groups go first) or stored.
    private Team OwnerOf(BackstageEntity parsed) => catalog.Teams[parsed.Owner!];

    private T? Resolve<T>(Dictionary<EntityKey, T> map, EntityKey? key, BackstageEntity from, string field)
        where T : class
    {
        if (key is null)
        {
            return null;
        }

        if (map.TryGetValue(key, out var found))
        {
            return found;
        }

        Notice(from, $"{field} '{key}' is not in these files or in Portal; left empty");
        return null;
    }

    /// <summary>
    /// Parents come from <c>spec.parent</c>, or else from another imported group's <c>spec.children</c>.
    /// A parent that would close a loop is left unset. Parents are cleared before they are set so an
    /// intermediate state never looks like a loop to <see cref="Team.SetParent"/>.
    /// </summary>
    private void SetParents()
    {
        var groups = _outcomes.Values.Where(o => o.Parsed is BackstageGroup).ToList();
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
                    Notice(outcome.Parsed, $"spec.children '{child}' is not in these files or in Portal; ignored");
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
            if (team.ParentTeamId is not null)
            {
                team.SetParent(null);
            }

            outcome.Changed = true;
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
    /// memberships are exactly that union (others are removed); people who are not in the files only
    /// gain the memberships groups list. Roles of existing memberships are Portal's and kept.
    /// </summary>
    private async Task SetMembershipsAsync(CancellationToken ct)
    {
        var desired = new Dictionary<Person, HashSet<Team>>();
        var owners = new Dictionary<Person, Outcome>();
        foreach (var outcome in _outcomes.Values.Where(o => o.Parsed is BackstageUser))
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

        var groupOutcomes = new Dictionary<Team, Outcome>();
        foreach (var outcome in _outcomes.Values.Where(o => o.Parsed is BackstageGroup))
        {
            var team = (Team)outcome.Entity;
            groupOutcomes[team] = outcome;
            foreach (var key in ((BackstageGroup)outcome.Parsed).Members)
            {
                if (Resolve(catalog.People, key, outcome.Parsed, "spec.members") is { } person)
                {
                    if (!desired.TryGetValue(person, out var teams))
                    {
                        teams = desired[person] = [];
                    }

                    teams.Add(team);
                }
            }
        }

        foreach (var (person, teams) in desired)
        {
            var current = person.Memberships.ToList();
            var imported = owners.TryGetValue(person, out var personOutcome);
            foreach (var team in teams.Where(t => current.All(m => m.TeamId != t.Id)))
            {
                team.AddMember(person);
                Insert(team.Memberships.First(m => m.PersonId == person.Id));
                (personOutcome ?? groupOutcomes[team]).Changed = true;
            }

            if (!imported)
            {
                continue;
            }

            foreach (var membership in current.Where(m => teams.All(t => t.Id != m.TeamId)))
            {
                membership.Team.RemoveMember(person.Id);
                db.Remove(membership);
                personOutcome!.Changed = true;
            }

            await SaveIfDueAsync(ct);
        }
    }

    /// <summary>An imported component's provides/consumes relations are exactly those its file lists.</summary>
    private async Task SetServiceApisAsync(CancellationToken ct)
    {
        var byService = catalog.ServiceApis.GroupBy(r => r.ServiceId).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var outcome in ComponentOutcomes())
        {
            var (service, component) = ((Service)outcome.Entity, (BackstageComponent)outcome.Parsed);
            var wanted = new Dictionary<(Guid, ApiRelation), Api>();
            foreach (var (keys, relation, field) in new[]
            {
                (component.ProvidesApis, ApiRelation.Provides, "spec.providesApis"),
                (component.ConsumesApis, ApiRelation.Consumes, "spec.consumesApis"),
            })
            {
                foreach (var key in keys)
                {
                    if (Resolve(catalog.Apis, key, component, field) is { } api)
                    {
                        wanted.TryAdd((api.Id, relation), api);
                    }
                }
            }

            if (!byService.TryGetValue(service.Id, out var rows))
            {
                rows = byService[service.Id] = [];
            }

            foreach (var row in rows.Where(r => !wanted.ContainsKey((r.ApiId, r.Relation))).ToList())
            {
                db.Remove(row);
                rows.Remove(row);
                outcome.Changed = true;
            }

            foreach (var ((apiId, relation), api) in wanted)
            {
                if (rows.All(r => r.ApiId != apiId || r.Relation != relation))
                {
                    var row = new ServiceApi(service, api, relation);
                    Insert(row);
                    rows.Add(row);
                    _newRelations.Add((service.Id, apiId, relation));
                    outcome.Changed = true;
                }
            }

            await SaveIfDueAsync(ct);
        }

        catalog.ServiceApis = [.. byService.Values.SelectMany(r => r)];
    }

    /// <summary>
    /// Edges from an imported component: one per <c>dependsOn</c> and <c>interactions</c> target, and one
    /// to each provider of an API it consumes. Edges the import created earlier and the files no longer
    /// justify are removed; edges entered by people are never removed by an import.
    /// </summary>
    private async Task SetDependenciesAsync(CancellationToken ct)
    {
        var edgesBySource = catalog.Dependencies.GroupBy(d => d.SourceServiceId).ToDictionary(g => g.Key, g => g.ToList());
        var providers = catalog.ServiceApis.Where(r => r.Relation == ApiRelation.Provides)
            .ToLookup(r => r.ApiId, r => r.ServiceId);
        var servicesById = catalog.Services.Values.ToDictionary(s => s.Id);
        var consumes = catalog.ServiceApis.Where(r => r.Relation == ApiRelation.Consumes).ToLookup(r => r.ServiceId, r => r.ApiId);

        foreach (var outcome in ComponentOutcomes())
        {
            var (service, component) = ((Service)outcome.Entity, (BackstageComponent)outcome.Parsed);
            var targets = new Dictionary<Guid, EdgeTarget>();

            void Declare(EntityKey key, string field, BackstageInteraction? interaction)
            {
                CatalogEntity? target = key.Kind == BackstageKinds.Resource
                    ? Resolve(catalog.Resources, key, component, field)
                    : Resolve(catalog.Services, key, component, field);
                if (target is null)
                {
                    return;
                }

                if (target.Id == service.Id)
                {
                    Notice(component, $"{field} '{key}' is the component itself; ignored");
                    return;
                }

                var edge = targets.TryGetValue(target.Id, out var known) ? known : targets[target.Id] = new EdgeTarget(target);
                edge.Declared = true;
                edge.Interaction = interaction ?? edge.Interaction;
            }

            foreach (var key in component.DependsOn)
            {
                Declare(key, "spec.dependsOn", null);
            }

            foreach (var interaction in component.Interactions)
            {
                Declare(interaction.Target, "spec.interactions", interaction);
            }

            foreach (var apiId in consumes[service.Id])
            {
                var consumedIsNew = _newRelations.Contains((service.Id, apiId, ApiRelation.Consumes));
                foreach (var providerId in providers[apiId].Where(p => p != service.Id))
                {
                    if (!servicesById.TryGetValue(providerId, out var provider))
                    {
                        continue;
                    }

                    var edge = targets.TryGetValue(providerId, out var known) ? known : targets[providerId] = new EdgeTarget(provider);
                    edge.Create |= consumedIsNew || _newRelations.Contains((providerId, apiId, ApiRelation.Provides));
                }
            }

            if (!edgesBySource.TryGetValue(service.Id, out var edges))
            {
                edges = edgesBySource[service.Id] = [];
            }

            foreach (var (targetId, target) in targets)
            {
                var edge = edges.FirstOrDefault(e => (e.TargetServiceId ?? e.TargetResourceId) == targetId);
                if (edge is null)
                {
                    if (!target.Declared && !target.Create)
                    {
                        continue;
                    }

                    edge = target.Entity is Resource resource
                        ? Dependency.ToResource(service, resource, ResourceAccess.ReadWrite, source)
                        : Dependency.ToService(service, (Service)target.Entity, InteractionKind.Unknown, source);
                    Insert(edge);
                    edges.Add(edge);
                    outcome.Changed = true;
                }
                else if (target.Declared && edge.Source != source)
                {
                    edge.RecordSource(source);
                    outcome.SourceTaken = true;
                }

                if (target.Interaction is { } interaction && ApplyInteraction(edge, interaction))
                {
                    outcome.Changed = true;
                }
            }

            foreach (var edge in edges.Where(e => e.Source == source && !targets.ContainsKey((e.TargetServiceId ?? e.TargetResourceId)!.Value)).ToList())
            {
                db.Remove(edge);
                edges.Remove(edge);
                outcome.Changed = true;
            }

            await SaveIfDueAsync(ct);
        }
    }

    private static bool ApplyInteraction(Dependency edge, BackstageInteraction interaction)
    {
        var changed = false;
        if (interaction.Kind is { } kind && edge.Kind != kind)
        {
            edge.SetKind(kind);
            changed = true;
        }

        if (edge.TimeoutMs != interaction.TimeoutMs || edge.Retries != interaction.Retries || edge.Backoff != interaction.Backoff
            || edge.CircuitBreaker != interaction.CircuitBreaker || edge.Fallback != interaction.Fallback || edge.Bulkhead != interaction.Bulkhead)
        {
            edge.SetResilience(interaction.TimeoutMs, interaction.Retries, interaction.Backoff, interaction.CircuitBreaker, interaction.Fallback, interaction.Bulkhead);
            changed = true;
        }

        if (edge.Criticality != interaction.Criticality)
        {
            edge.SetCriticality(interaction.Criticality);
            changed = true;
        }

        if (interaction.Access is { } access && edge.TargetResourceId is not null && edge.Access != access)
        {
            edge.SetAccess(access);
            changed = true;
        }

        return changed;
    }

    private void RecordProvenance()
    {
        foreach (var outcome in _outcomes.Values)
        {
            var entity = outcome.Entity;
            var location = LocationOf(outcome.Parsed);
            if (entity.IsOrphaned)
            {
                outcome.Changed = true;
            }

            // New records got theirs when they were created (Track).
            if (!outcome.Created && (entity.IsOrphaned || entity.Source != source || entity.SourceLocation != location))
            {
                entity.RecordSource(source, location);
                outcome.SourceTaken = true;
            }
        }
    }

    /// <summary>
    /// Flags records this scope imported before that no document names any more. Files that could not
    /// be parsed are left out: a typo must not orphan everything in the file.
    /// </summary>
    private void MarkOrphans()
    {
        var present = read.Entities.Select(e => e.Key)
            .Concat(_rejected.Where(r => r.Key is not null).Select(r => r.Key!))
            .ToHashSet();
        var filesRead = read.FilesRead.Select(f => $"{locationBase}/{f}").ToHashSet(StringComparer.Ordinal);
        var broken = read.BrokenFiles.Select(f => $"{locationBase}/{f}").ToHashSet(StringComparer.Ordinal);

        bool InScope(string location)
        {
            var hash = location.LastIndexOf('#');
            var file = hash < 0 ? location : location[..hash];
            return !broken.Contains(file)
                && (filesRead.Contains(file) || (orphanPrefix is not null && file.StartsWith(orphanPrefix + "/", StringComparison.Ordinal)));
        }

        foreach (var (key, entity) in catalog.All())
        {
            if (entity.Source == source && !entity.IsOrphaned && entity.SourceLocation is { } location
                && !_outcomes.ContainsKey(key) && !present.Contains(key) && InScope(location))
            {
                entity.MarkOrphaned();
                _orphaned[key.Kind] = _orphaned.GetValueOrDefault(key.Kind) + 1;
            }
        }
    }

    private IEnumerable<Outcome> ComponentOutcomes() => _outcomes.Values.Where(o => o.Parsed is BackstageComponent);

    private sealed class Outcome(BackstageEntity parsed, CatalogEntity entity, bool created)
    {
        public BackstageEntity Parsed { get; } = parsed;

        public CatalogEntity Entity { get; } = entity;

        public string Kind => Parsed.Key.Kind;

        public bool Created { get; } = created;

        /// <summary>Content changed: a field, a relation, an edge, or the orphan flag.</summary>
        public bool Changed { get; set; }

        /// <summary>The import recorded itself as the source of the record or of one of its edges.</summary>
        public bool SourceTaken { get; set; }

        /// <summary>Applies <paramref name="apply"/> only when the value differs, so unchanged records stay untouched.</summary>
        public void Set(bool differs, Action apply)
        {
            if (differs)
            {
                apply();
                Changed = true;
            }
        }
    }

    private sealed class EdgeTarget(CatalogEntity entity)
    {
        public CatalogEntity Entity { get; } = entity;

        /// <summary>Named in dependsOn or interactions: created if missing, and taken over if it was entered elsewhere.</summary>
        public bool Declared { get; set; }

        /// <summary>Derived from a consumed API whose relation is new in this import: created if missing.</summary>
        public bool Create { get; set; }

        public BackstageInteraction? Interaction { get; set; }
    }
}
