using Portal.Domain.Common;

namespace Portal.Domain.Catalog;

/// <summary>Infrastructure a service needs: database, queue, cache, bucket… (Backstage <c>Resource</c>).</summary>
public sealed class Resource : OwnedCatalogEntity
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

    public Guid? SystemId { get; private set; }

    public SoftwareSystem? System { get; private set; }

    public void SetType(ResourceType type)
    {
        Type = type;
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
