namespace Portal.Domain.Common;

/// <summary>A rule of the model was broken; <see cref="Field"/> names what was wrong.</summary>
public sealed class DomainValidationException(string field, string message)
    : Exception($"{field}: {message}")
{
    public string Field { get; } = field;
    public string Reason { get; } = message;
}
