namespace Portal.Domain.Catalog.Queries;

public sealed record SearchHitDto(string Kind, string Name, string DisplayName, string Url);
