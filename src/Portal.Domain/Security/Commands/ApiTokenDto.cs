namespace Portal.Domain.Security.Commands;

/// <summary>An API token as lists show it (never its secret). <see cref="ExpiresAt"/> null: it never expires.</summary>
public sealed record ApiTokenDto(
    Guid Id, string Name, PortalRole Role, string Hint, string CreatedBy, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt, DateTime? ExpiresAt)
{
    /// <summary>active, expired or revoked at <paramref name="utcNow"/>.</summary>
    public string StatusAt(DateTime utcNow) => RevokedAt is not null ? "revoked" : ExpiresAt is { } e && utcNow >= e ? "expired" : "active";
}
