namespace Portal.Domain.Common;

/// <summary>Someone else saved the same record since it was read.</summary>
public sealed class ConcurrencyConflictException(string entity, string key)
    : Exception($"{entity} '{key}' was changed by someone else since you opened it. Reload to see their changes, then apply yours again.")
{
    public string Entity { get; } = entity;
    public string Key { get; } = key;
}
