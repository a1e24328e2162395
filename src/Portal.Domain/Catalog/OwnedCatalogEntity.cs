using Portal.Domain.Common;

namespace Portal.Domain.Catalog;

/// <summary>A catalog record that a team owns: a service, resource, API, system or business domain.</summary>
public abstract class OwnedCatalogEntity : CatalogEntity
{
    protected OwnedCatalogEntity()
    {
    }

    protected OwnedCatalogEntity(string ns, string name, string? title)
        : base(ns, name, title)
    {
    }

    public Guid? OwnerTeamId { get; private set; }

    public Team? OwnerTeam { get; private set; }

    /// <summary>Makes <paramref name="team"/> the owner; null leaves the record without one.</summary>
    public virtual void AssignOwner(Team? team)
    {
        OwnerTeam = team;
        OwnerTeamId = team?.Id;
        Touch();
    }
}
