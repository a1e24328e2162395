namespace Portal.Domain.Demo;

/// <summary>What a demo part needs to know about the load it is part of.</summary>
public sealed class DemoContext
{
    /// <summary>The moment the load started: rotations, answers and overrides are placed relative to it.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>
    /// Catalog records the load created, as entity references (<c>user:default/ada.okafor</c>): parts that set
    /// something people may later change (a portal role) set it only on records new in this load.
    /// </summary>
    public required IReadOnlySet<string> Created { get; init; }

    /// <summary>Whether the load created the record of <paramref name="kind"/> (<c>user</c>, <c>group</c>…) named <paramref name="name"/>.</summary>
    public bool WasCreated(string kind, string name, string ns = Common.CatalogName.DefaultNamespace) =>
        Created.Contains($"{kind.ToLowerInvariant()}:{ns}/{name}");
}
