using Portal.Domain.Common;

namespace Portal.Domain.Catalog;

/// <summary>A business area grouping systems (Backstage <c>Domain</c>).</summary>
public sealed class BusinessDomain : CatalogEntity
{
    private BusinessDomain()
    {
    }

    public BusinessDomain(string name, string? title = null, string ns = CatalogName.DefaultNamespace)
        : base(ns, name, title)
    {
    }

    public Guid? OwnerTeamId { get; private set; }

    public Team? OwnerTeam { get; private set; }

    public void AssignOwner(Team? team)
    {
        OwnerTeam = team;
        OwnerTeamId = team?.Id;
        Touch();
    }
}
