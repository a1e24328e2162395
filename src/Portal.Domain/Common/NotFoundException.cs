namespace Portal.Domain.Common;

/// <summary>The record asked for does not exist.</summary>
public sealed class NotFoundException(string entity, string key)
    : Exception($"{entity} '{key}' was not found.")
{
    public string Entity { get; } = entity;
    public string Key { get; } = key;
}
