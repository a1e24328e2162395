namespace Portal.Domain.Catalog.Queries;

public enum OwnershipFindingKind
{
    NoOwner,
    UnknownOwner,

    /// <summary>The source names a person (<c>user:</c>) as owner: nobody shares the pager or the backlog.</summary>
    OwnedByPerson,
    OwnerGone,
    OwnerWithoutMembers,
    OnCallNotOwner,
    OverloadedTeam,
}
