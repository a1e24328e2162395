using Portal.Domain.Common;

namespace Portal.Domain.Catalog;

/// <summary>An interface a service provides (Backstage <c>API</c>).</summary>
public sealed class Api : OwnedCatalogEntity
{
    private Api()
    {
    }

    public Api(string name, string type, string? title = null, string ns = CatalogName.DefaultNamespace)
        : base(ns, name, title)
    {
        SetType(type);
    }

    /// <summary>openapi, asyncapi, grpc, graphql, trpc…</summary>
    public string Type { get; private set; } = "openapi";

    public Lifecycle Lifecycle { get; private set; } = Lifecycle.Production;

    public Guid? SystemId { get; private set; }

    public SoftwareSystem? System { get; private set; }

    /// <summary>The definition text (OpenAPI document, proto…), as given.</summary>
    public string? Definition { get; private set; }

    public void SetType(string type)
    {
        if (string.IsNullOrWhiteSpace(type))
        {
            throw new DomainValidationException("type", "an API type is required (openapi, asyncapi, grpc, graphql…)");
        }

        Type = type.Trim().ToLowerInvariant();
        Touch();
    }

    public void SetLifecycle(Lifecycle lifecycle)
    {
        Lifecycle = lifecycle;
        Touch();
    }

    public void SetDefinition(string? definition)
    {
        Definition = definition;
        Touch();
    }

    public void PlaceInSystem(SoftwareSystem? system)
    {
        System = system;
        SystemId = system?.Id;
        Touch();
    }
}
