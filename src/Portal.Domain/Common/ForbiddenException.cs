namespace Portal.Domain.Common;

/// <summary>The acting user may not perform the operation.</summary>
public sealed class ForbiddenException(string message) : Exception(message);
