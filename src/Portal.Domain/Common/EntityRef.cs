namespace Portal.Domain.Common;

/// <summary>Splits <c>ns/name</c> into its parts; a bare name is in the default namespace.</summary>
public static class EntityRef
{
    /// <summary>The reference of an entity: its name, or <c>ns/name</c> outside the default namespace.</summary>
    public static string Format(string ns, string name) => ns == CatalogName.DefaultNamespace ? name : $"{ns}/{name}";

    public static (string Namespace, string Name) Parse(string reference)
    {
        var slash = reference.IndexOf('/', StringComparison.Ordinal);
        return slash < 0
            ? (CatalogName.DefaultNamespace, reference)
            : (reference[..slash], reference[(slash + 1)..]);
    }
}
