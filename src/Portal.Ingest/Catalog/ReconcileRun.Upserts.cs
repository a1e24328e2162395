using Portal.Domain.Catalog;
using Portal.Domain.Common;
using Portal.Ingest.Backstage;

namespace Portal.Ingest.Catalog;

// One method per kind: find or create the record, then compare and set each field.
internal sealed partial class ReconcileRun
{
    /// <summary>Backstage's well-known annotation for a user's GitHub login; Portal keeps it as the person's login too.</summary>
    public const string GitHubLoginAnnotation = "github.com/user-login";

    private static void DescribeAndAnnotate(RecordOutcome outcome)
    {
        var (parsed, entity) = (outcome.Parsed, outcome.Entity);
        outcome.Set(entity.Title != parsed.Title || entity.Description != parsed.Description, "title/description", () => entity.Describe(parsed.Title, parsed.Description));
        outcome.Set(!Dictionaries.SameEntries(entity.Annotations, parsed.Annotations), "annotations", () => entity.SetAnnotations(parsed.Annotations));
    }

    private void UpsertGroup(BackstageGroup group, Func<bool, RecordOutcome> track)
    {
        var team = FindOrCreate(catalog.Teams, group, () => new Team(group.Key.Name, group.Title, group.Key.Namespace), out var created);
        var outcome = track(created);
        DescribeAndAnnotate(outcome);
        outcome.Set(team.Type != group.Type, "type", () => team.SetType(group.Type));
        var channel = group.ContactChannel ?? team.ContactChannel;
        outcome.Set(team.Email != group.Email || team.ContactChannel != channel, "contact", () => team.SetContact(channel, group.Email));
    }

    private void UpsertUser(BackstageUser user, Func<bool, RecordOutcome> track)
    {
        var person = FindOrCreate(catalog.People, user, () => new Person(user.Key.Name, user.Title, user.Email, user.Key.Namespace), out var created);
        var outcome = track(created);
        DescribeAndAnnotate(outcome);
        outcome.Set(person.Email != user.Email, "email", () => person.SetEmail(user.Email));
        if (user.Phone is { } phone)
        {
            outcome.Set(person.Phone != phone, "phone", () => person.SetPhone(phone));
        }
        if (user.Annotations.TryGetValue(GitHubLoginAnnotation, out var login))
        {
            outcome.Set(person.GitHubLogin != login.Trim(), "GitHub login", () => person.SetGitHubLogin(login));
        }
    }

    private void UpsertDomain(BackstageDomain parsed, Func<bool, RecordOutcome> track)
    {
        var domain = FindOrCreate(catalog.Domains, parsed, () => new BusinessDomain(parsed.Key.Name, parsed.Title, parsed.Key.Namespace), out var created);
        var outcome = track(created);
        DescribeAndAnnotate(outcome);
        var owner = OwnerOf(outcome);
        outcome.Set(domain.OwnerTeamId != owner?.Id, "owner", () => domain.AssignOwner(owner));
    }

    private void UpsertSystem(BackstageSystem parsed, Func<bool, RecordOutcome> track)
    {
        var system = FindOrCreate(catalog.Systems, parsed, () => new SoftwareSystem(parsed.Key.Name, parsed.Title, parsed.Key.Namespace), out var created);
        var outcome = track(created);
        DescribeAndAnnotate(outcome);
        var owner = OwnerOf(outcome);
        outcome.Set(system.OwnerTeamId != owner?.Id, "owner", () => system.AssignOwner(owner));
        var domain = Resolve(catalog.Domains, parsed.Domain, parsed, "spec.domain");
        outcome.Set(system.DomainId != domain?.Id, "domain", () => system.PlaceInDomain(domain));
    }

    private void UpsertResource(BackstageResource parsed, Func<bool, RecordOutcome> track)
    {
        var resource = FindOrCreate(catalog.Resources, parsed, () => new Resource(parsed.Key.Name, parsed.Type, parsed.Title, parsed.Key.Namespace), out var created);
        var outcome = track(created);
        DescribeAndAnnotate(outcome);
        outcome.Set(resource.Type != parsed.Type, "type", () => resource.SetType(parsed.Type));
        var owner = OwnerOf(outcome);
        outcome.Set(resource.OwnerTeamId != owner?.Id, "owner", () => resource.AssignOwner(owner));
        var system = Resolve(catalog.Systems, parsed.System, parsed, "spec.system");
        outcome.Set(resource.SystemId != system?.Id, "system", () => resource.PlaceInSystem(system));
    }

    private void UpsertApi(BackstageApi parsed, Func<bool, RecordOutcome> track)
    {
        var api = FindOrCreate(catalog.Apis, parsed, () => new Api(parsed.Key.Name, parsed.Type, parsed.Title, parsed.Key.Namespace), out var created);
        var outcome = track(created);
        DescribeAndAnnotate(outcome);
        outcome.Set(api.Type != parsed.Type, "type", () => api.SetType(parsed.Type));
        outcome.Set(api.Lifecycle != parsed.Lifecycle, "lifecycle", () => api.SetLifecycle(parsed.Lifecycle));
        outcome.Set(api.Definition != parsed.Definition, "definition", () => api.SetDefinition(parsed.Definition));
        var owner = OwnerOf(outcome);
        outcome.Set(api.OwnerTeamId != owner?.Id, "owner", () => api.AssignOwner(owner));
        var system = Resolve(catalog.Systems, parsed.System, parsed, "spec.system");
        outcome.Set(api.SystemId != system?.Id, "system", () => api.PlaceInSystem(system));
    }

    private void UpsertComponent(BackstageComponent parsed, Func<bool, RecordOutcome> track)
    {
        var service = FindOrCreate(catalog.Services, parsed, () => new Service(parsed.Key.Name, parsed.Title, parsed.Key.Namespace), out var created);
        var outcome = track(created);
        DescribeAndAnnotate(outcome);
        outcome.Set(service.Kind != parsed.Type, "type", () => service.SetKind(parsed.Type));
        outcome.Set(service.Lifecycle != parsed.Lifecycle, "lifecycle", () => service.SetLifecycle(parsed.Lifecycle));
        outcome.Set(!service.Tags.SequenceEqual(parsed.Tags, StringComparer.Ordinal), "tags", () => service.SetTags(parsed.Tags));
        outcome.Set(!service.Links.SequenceEqual(parsed.Links), "links", () => service.SetLinks(parsed.Links));
        if (parsed.RepositoryUrl is { } repository)
        {
            outcome.Set(service.RepositoryUrl != repository, "repository", () => service.SetRepository(repository));
        }

        if (parsed.Tier is { } tier)
        {
            outcome.Set(service.Tier != tier, "tier", () => service.SetTier(tier));
        }

        var owner = parsed.Owner is { } ownerKey ? catalog.Teams.GetValueOrDefault(ownerKey) : null;
        if (owner is not null || parsed.Owner is null)
        {
            outcome.Set(service.OwnerTeamId != owner?.Id || service.OwnerRef != owner?.Ref, "owner", () => service.AssignOwner(owner));
        }
        else
        {
            // Kept as written (the service's own OwnerRef, not a pending row) until the team is in the catalog;
            // a person stays a person: Portal shows such a service as owned by a person, not a team.
            var written = OwnerRefOf(parsed.Owner);
            NoticeUnknownOwner(outcome, parsed.Owner);
            outcome.Set(service.OwnerTeamId is not null || service.OwnerRef != written, "owner", () => service.AssignUnresolvedOwner(written));
        }

        var system = Resolve(catalog.Systems, parsed.System, parsed, "spec.system");
        outcome.Set(service.SystemId != system?.Id, "system", () => service.PlaceInSystem(system));
    }

    /// <summary>
    /// The owning team, or null: none given, or not a team in the catalog (yet). A missing team is kept as a
    /// pending reference, so the record gets its owner when the team arrives through any source.
    /// </summary>
    private Team? OwnerOf(RecordOutcome outcome)
    {
        if (outcome.Parsed.Owner is not { } owner)
        {
            return null;
        }

        if (catalog.Teams.GetValueOrDefault(owner) is { } team)
        {
            return team;
        }

        NoticeUnknownOwner(outcome, owner);
        KeepWaiting(outcome, "owner", owner);
        return null;
    }

    /// <summary>How a service keeps an owner that is not a team in the catalog: <c>team</c>, <c>ns/team</c>, <c>user:name</c>.</summary>
    internal static string OwnerRefOf(EntityKey owner) =>
        owner.Kind == BackstageKinds.User
            ? Service.PersonOwnerPrefix + EntityRef.Format(owner.Namespace, owner.Name)
            : EntityRef.Format(owner.Namespace, owner.Name);

    private void NoticeUnknownOwner(RecordOutcome outcome, EntityKey owner)
    {
        if (outcome.ReadOnly)
        {
            return;
        }

        Notice(outcome.Parsed, owner.Kind == BackstageKinds.User
            ? $"owner '{owner}' is a person, not a team; kept as written (Portal lists the record as owned by a person)"
            : $"owner '{owner}' is not a group in the catalog yet; kept as written and linked when it arrives");
    }

    /// <summary>The stored record <paramref name="parsed"/> names, or a new one (inserted with the next batch).</summary>
    private T FindOrCreate<T>(Dictionary<EntityKey, T> map, BackstageEntity parsed, Func<T> create, out bool created)
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

    /// <summary>The record a reference names, or null with the reference kept waiting for it.</summary>
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

        Wait(from, field, key);
        return null;
    }
}
