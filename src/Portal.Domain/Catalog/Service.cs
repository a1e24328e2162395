using Portal.Domain.Common;

namespace Portal.Domain.Catalog;

/// <summary>A deployable piece of software a team owns (Backstage <c>Component</c>).</summary>
public sealed class Service : OwnedCatalogEntity
{
    public const int MaxTags = 30;

    private Service()
    {
    }

    public Service(string name, string? title = null, string ns = CatalogName.DefaultNamespace)
        : base(ns, name, title)
    {
    }

    /// <summary>Backstage <c>spec.type</c>: service, website, library…</summary>
    public string Kind { get; private set; } = "service";

    /// <summary>1 is most critical, 3 least.</summary>
    public int Tier { get; private set; } = 3;

    public Lifecycle Lifecycle { get; private set; } = Lifecycle.Production;

    public Guid? SystemId { get; private set; }

    public SoftwareSystem? System { get; private set; }

    /// <summary>The team that answers pages for this service, when it is not the owner. Null: the owner is on call.</summary>
    public Guid? OnCallTeamId { get; private set; }

    public Team? OnCallTeam { get; private set; }

    /// <summary>How <see cref="OwnerRef"/> starts when the source names a person as owner (<c>user:frank.tiernan</c>).</summary>
    public const string PersonOwnerPrefix = "user:";

    /// <summary>
    /// Owner reference as written in the source, kept when it is not a team in the catalog (yet): <c>team</c>,
    /// <c>ns/team</c>, or <c>user:name</c> for a person.
    /// </summary>
    public string? OwnerRef { get; private set; }

    /// <summary>The source names a person, not a team, as owner (valid in Backstage; nobody shares the pager).</summary>
    public bool IsOwnedByPerson => OwnerTeamId is null && OwnerRef is not null && OwnerRef.StartsWith(PersonOwnerPrefix, StringComparison.OrdinalIgnoreCase);

    public string? RepositoryUrl { get; private set; }

    public List<string> Tags { get; private set; } = [];

    public List<ServiceLink> Links { get; private set; } = [];

    protected override string BuildSearchText() =>
        string.Join(' ', Name, Title, Description, string.Join(' ', Tags ?? [])).ToLowerInvariant();

    public void SetKind(string? kind)
    {
        kind = string.IsNullOrWhiteSpace(kind) ? "service" : kind.Trim().ToLowerInvariant();
        if (kind.Length > 40)
        {
            throw new DomainValidationException("kind", "is longer than 40 characters");
        }

        Kind = kind;
        Touch();
    }

    public void SetTier(int tier)
    {
        if (tier is < 1 or > 3)
        {
            throw new DomainValidationException("tier", $"must be 1, 2 or 3, not {tier}");
        }

        Tier = tier;
        Touch();
    }

    public void SetLifecycle(Lifecycle lifecycle)
    {
        Lifecycle = lifecycle;
        Touch();
    }

    /// <summary>Makes <paramref name="team"/> the owner and writes its reference; null leaves the service without one.</summary>
    public override void AssignOwner(Team? team)
    {
        base.AssignOwner(team);
        OwnerRef = team?.Ref;
    }

    /// <summary>Hands on-call duty to another team than the owner; null puts it back on the owner.</summary>
    public void AssignOnCall(Team? team)
    {
        OnCallTeam = team;
        OnCallTeamId = team?.Id;
        Touch();
    }

    /// <summary>Records an owner reference that does not resolve to a known team (yet).</summary>
    public void AssignUnresolvedOwner(string ownerRef)
    {
        base.AssignOwner(null);
        OwnerRef = ownerRef;
    }

    public void PlaceInSystem(SoftwareSystem? system)
    {
        System = system;
        SystemId = system?.Id;
        Touch();
    }

    public void SetRepository(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            RepositoryUrl = null;
        }
        else if (Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            RepositoryUrl = uri.ToString().TrimEnd('/');
        }
        else
        {
            throw new DomainValidationException("repository", $"'{url}' is not an http(s) URL");
        }

        Touch();
    }

    public void SetTags(IEnumerable<string> tags)
    {
        var clean = tags.Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var tag in clean)
        {
            if (tag.Length > 63 || !CatalogName.IsValid(tag))
            {
                throw new DomainValidationException("tags", $"'{tag}' is not a valid tag (letters, digits, '-', '_', '.', at most 63 characters)");
            }
        }

        if (clean.Count > MaxTags)
        {
            throw new DomainValidationException("tags", $"at most {MaxTags} tags are allowed");
        }

        Tags = clean;
        Touch();
    }

    public void SetLinks(IEnumerable<ServiceLink> links)
    {
        var list = links.ToList();
        foreach (var link in list)
        {
            link.Validate();
        }

        Links = list;
        Touch();
    }
}
