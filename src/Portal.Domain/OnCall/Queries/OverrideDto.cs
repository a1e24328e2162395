using Portal.Domain.Catalog;

namespace Portal.Domain.OnCall.Queries;

/// <summary>An override as the edit page shows it.</summary>
public sealed record OverrideDto(Guid Id, OnCallPersonDto Person, DateTime StartUtc, DateTime EndUtc)
{
    public static OverrideDto From(OnCallOverride o, Person person) => new(o.Id, OnCallPersonDto.From(person), o.StartUtc, o.EndUtc);
}
