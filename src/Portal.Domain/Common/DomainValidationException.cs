namespace Portal.Domain.Common;

/// <summary>A rule of the model was broken; <see cref="Field"/> names what was wrong.</summary>
public sealed class DomainValidationException(string field, string message)
    : Exception($"{field}: {message}")
{
    public string Field { get; } = field;
    public string Reason { get; } = message;
}

/// <summary>Someone else saved the same record since it was read.</summary>
public sealed class ConcurrencyConflictException(string entity, string key)
    : Exception($"{entity} '{key}' was changed by someone else since you opened it. Reload to see their changes, then apply yours again.")
{
    public string Entity { get; } = entity;
    public string Key { get; } = key;
}

/// <summary>The acting user may not perform the operation.</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>The record asked for does not exist.</summary>
public sealed class NotFoundException(string entity, string key)
    : Exception($"{entity} '{key}' was not found.")
{
    public string Entity { get; } = entity;
    public string Key { get; } = key;
}
