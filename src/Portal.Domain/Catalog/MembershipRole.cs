namespace Portal.Domain.Catalog;

/// <summary>A person's role inside a team.</summary>
public enum MembershipRole
{
    Member,
    Lead,
    Manager,
}
