namespace Portal.Domain.Catalog;

/// <summary>The kind of infrastructure a <see cref="Resource"/> is.</summary>
public enum ResourceType
{
    Database,
    Queue,
    Topic,
    Cache,
    Bucket,
    Cluster,
    Other,
}
