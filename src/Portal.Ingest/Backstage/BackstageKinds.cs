namespace Portal.Ingest.Backstage;

/// <summary>Backstage kind names as written in catalog files.</summary>
public static class BackstageKinds
{
    public const string Component = "Component";
    public const string Api = "API";
    public const string Resource = "Resource";
    public const string System = "System";
    public const string Domain = "Domain";
    public const string Group = "Group";
    public const string User = "User";
    public const string Location = "Location";

    /// <summary>The kinds Portal stores, in the order they are written: owners before what they own.</summary>
    public static IReadOnlyList<string> Imported { get; } = [Group, User, Domain, System, Resource, Api, Component];

    /// <summary>The spelling above for a kind written in any case, or null for kinds Portal does not know.</summary>
    public static string? Canonical(string? kind) => kind?.Trim().ToLowerInvariant() switch
    {
        "component" => Component,
        "api" => Api,
        "resource" => Resource,
        "system" => System,
        "domain" => Domain,
        "group" => Group,
        "user" => User,
        "location" => Location,
        _ => null,
    };
}

/// <summary>
/// Identifies a catalog entity: kind, namespace and name. Compared without regard to case, as Backstage
/// compares references; <see cref="ToString"/> gives the full reference, e.g. <c>component:default/payments</c>.
/// </summary>
public sealed record EntityKey(string Kind, string Namespace, string Name)
{
    public bool Equals(EntityKey? other) =>
        other is not null
        && StringComparer.OrdinalIgnoreCase.Equals(Kind, other.Kind)
        && StringComparer.OrdinalIgnoreCase.Equals(Namespace, other.Namespace)
        && StringComparer.OrdinalIgnoreCase.Equals(Name, other.Name);

    public override int GetHashCode() => HashCode.Combine(
        StringComparer.OrdinalIgnoreCase.GetHashCode(Kind),
        StringComparer.OrdinalIgnoreCase.GetHashCode(Namespace),
        StringComparer.OrdinalIgnoreCase.GetHashCode(Name));

    public override string ToString() => $"{Kind.ToLowerInvariant()}:{Namespace}/{Name}";
}
