using Portal.Domain.Common;

namespace Portal.Domain.Catalog;

/// <summary>Infrastructure a service needs: database, queue, cache, bucket… (Backstage <c>Resource</c>).</summary>
public sealed class Resource : CatalogEntity
{
    private Resource()
    {
    }

    public Resource(string name, ResourceType type, string? title = null, string ns = CatalogName.DefaultNamespace)
        : base(ns, name, title)
    {
        Type = type;
    }

    public ResourceType Type { get; private set; }

    public Guid? OwnerTeamId { get; private set; }

    public Team? OwnerTeam { get; private set; }

    public Guid? SystemId { get; private set; }

    public SoftwareSystem? System { get; private set; }

    public void SetType(ResourceType type)
    {
        Type = type;
        Touch();
    }

    public void AssignOwner(Team? team)
    {
        OwnerTeam = team;
        OwnerTeamId = team?.Id;
        Touch();
    }

    public void PlaceInSystem(SoftwareSystem? system)
    {
        System = system;
        SystemId = system?.Id;
        Touch();
    }

    /// <summary>Maps Backstage's free-form resource type onto ours.</summary>
    public static ResourceType ParseType(string? type) => type?.Trim().ToLowerInvariant() switch
    {
        "database" or "db" or "postgres" or "postgresql" or "mysql" or "sql" => ResourceType.Database,
        "queue" or "sqs" or "rabbitmq" => ResourceType.Queue,
        "topic" or "kafka-topic" or "sns" or "stream" => ResourceType.Topic,
        "cache" or "redis" or "memcached" => ResourceType.Cache,
        "bucket" or "s3-bucket" or "storage" or "object-storage" => ResourceType.Bucket,
        "cluster" or "kubernetes-cluster" => ResourceType.Cluster,
        _ => ResourceType.Other,
    };
}

/// <summary>An interface a service provides (Backstage <c>API</c>).</summary>
public sealed class Api : CatalogEntity
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

    public Guid? OwnerTeamId { get; private set; }

    public Team? OwnerTeam { get; private set; }

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

    public void AssignOwner(Team? team)
    {
        OwnerTeam = team;
        OwnerTeamId = team?.Id;
        Touch();
    }

    public void PlaceInSystem(SoftwareSystem? system)
    {
        System = system;
        SystemId = system?.Id;
        Touch();
    }
}

/// <summary>A service providing or consuming an API.</summary>
public sealed class ServiceApi : Entity
{
    private ServiceApi()
    {
    }

    public ServiceApi(Service service, Api api, ApiRelation relation)
    {
        ServiceId = service.Id;
        Service = service;
        ApiId = api.Id;
        Api = api;
        Relation = relation;
    }

    public Guid ServiceId { get; private set; }

    public Service Service { get; private set; } = null!;

    public Guid ApiId { get; private set; }

    public Api Api { get; private set; } = null!;

    public ApiRelation Relation { get; private set; }
}
