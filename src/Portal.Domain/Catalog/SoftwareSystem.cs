using Portal.Domain.Common;

namespace Portal.Domain.Catalog;

/// <summary>A collection of services and resources that work together (Backstage <c>System</c>).</summary>
public sealed class SoftwareSystem : OwnedCatalogEntity
{
    private SoftwareSystem()
    {
    }

    public SoftwareSystem(string name, string? title = null, string ns = CatalogName.DefaultNamespace)
        : base(ns, name, title)
    {
    }

    public Guid? DomainId { get; private set; }

    public BusinessDomain? Domain { get; private set; }

    public void PlaceInDomain(BusinessDomain? domain)
    {
        Domain = domain;
        DomainId = domain?.Id;
        Touch();
    }
}
