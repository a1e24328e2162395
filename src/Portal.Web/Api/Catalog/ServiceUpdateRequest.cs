using Portal.Domain.Catalog;
using Portal.Domain.Catalog.Queries;

namespace Portal.Web.Api.Catalog;

/// <summary>Body of <c>PUT /api/v1/services/{name}</c>; <see cref="Version"/> is the one you read.</summary>
public sealed record ServiceUpdateRequest(
    string? Title,
    string? Description,
    string? Kind,
    int Tier,
    Lifecycle Lifecycle,
    string? Owner,
    string? System,
    string? RepositoryUrl,
    IReadOnlyList<string>? Tags,
    IReadOnlyList<LinkDto>? Links,
    int Version);
