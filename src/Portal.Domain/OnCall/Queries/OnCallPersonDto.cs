using Portal.Domain.Catalog;

namespace Portal.Domain.OnCall.Queries;

/// <summary>A person as on-call views show them.</summary>
public sealed record OnCallPersonDto(string Name, string Namespace, string DisplayName)
{
    public static OnCallPersonDto From(Person p) => new(p.Name, p.Namespace, p.DisplayName);
}
