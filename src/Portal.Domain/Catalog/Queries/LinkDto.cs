namespace Portal.Domain.Catalog.Queries;

public sealed record LinkDto(string Url, string? Title, string? Type);
