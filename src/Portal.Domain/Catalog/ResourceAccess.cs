namespace Portal.Domain.Catalog;

/// <summary>How a service uses a resource.</summary>
public enum ResourceAccess
{
    Read,
    Write,
    ReadWrite,
}
