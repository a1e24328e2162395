using Portal.Domain.Catalog;

namespace Portal.Domain.OnCall.Queries;

/// <summary>A person as on-call views show them, with the ways to reach them that the catalog knows.</summary>
public sealed record OnCallPersonDto(string Name, string Namespace, string DisplayName, string? Email = null, string? Phone = null)
{
    public static OnCallPersonDto From(Person p) => new(p.Name, p.Namespace, p.DisplayName, p.Email, p.Phone);
}
