using Portal.Domain.Common;

namespace Portal.Domain.Catalog;

/// <summary>A collection of services and resources that work together (Backstage <c>System</c>).</summary>
public sealed class SoftwareSystem : CatalogEntity
{
    private SoftwareSystem()
    {
    }

    public SoftwareSystem(string name, string? title = null, string ns = CatalogName.DefaultNamespace)
        : base(ns, name, title)
    {
    }

    public Guid? OwnerTeamId { get; private set; }

    public Team? OwnerTeam { get; private set; }

    public Guid? DomainId { get; private set; }

    public BusinessDomain? Domain { get; private set; }

    public void AssignOwner(Team? team)
    {
        OwnerTeam = team;
        OwnerTeamId = team?.Id;
        Touch();
    }

    public void PlaceInDomain(BusinessDomain? domain)
    {
        Domain = domain;
        DomainId = domain?.Id;
        Touch();
    }
}
