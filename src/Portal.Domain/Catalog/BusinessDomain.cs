using Portal.Domain.Common;

namespace Portal.Domain.Catalog;

/// <summary>A business area grouping systems (Backstage <c>Domain</c>).</summary>
public sealed class BusinessDomain : OwnedCatalogEntity
{
    private BusinessDomain()
    {
    }

    public BusinessDomain(string name, string? title = null, string ns = CatalogName.DefaultNamespace)
        : base(ns, name, title)
    {
    }
}
