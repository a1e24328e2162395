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
