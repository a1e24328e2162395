namespace Portal.Domain.Catalog.Queries;

public sealed record TeamRefDto(string Name, string Namespace, string DisplayName);
