namespace Portal.Domain.Graph;

/// <summary>
/// One row whose <see cref="Version"/> goes up in the same transaction as every change to services,
/// resources, teams or dependencies. Analysis caches are keyed by it, so several portal instances on one
/// database notice each other's changes with one tiny query.
/// </summary>
public sealed class GraphState
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public long Version { get; set; }
}
