namespace Portal.Domain.Catalog.Queries;

public enum OwnershipFindingKind
{
    NoOwner,
    UnknownOwner,
    OwnerGone,
    OwnerWithoutMembers,
    OnCallNotOwner,
    OverloadedTeam,
}
