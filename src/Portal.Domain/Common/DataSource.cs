namespace Portal.Domain.Common;

/// <summary>Where a catalog record came from.</summary>
public enum DataSource
{
    Manual,
    Import,
    GitHub,
    Demo,
}
