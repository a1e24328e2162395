using System.Security.Cryptography;
using System.Text;
using Portal.Domain.Common;

namespace Portal.Domain.Security;

/// <summary>A bearer token for the REST API. Only a SHA-256 hash is stored; the secret is shown once.</summary>
public sealed class ApiToken : Entity
{
    public const string Prefix = "ptl_";

    private ApiToken()
    {
    }

    private ApiToken(string name, PortalRole role, string hash, string hint, string createdBy)
    {
        Name = name;
        Role = role;
        Hash = hash;
        Hint = hint;
        CreatedBy = createdBy;
    }

    public string Name { get; private set; } = "";

    public PortalRole Role { get; private set; }

    /// <summary>Hex SHA-256 of the whole token. Tokens carry 256 random bits, so a plain hash is enough.</summary>
    public string Hash { get; private set; } = "";

    /// <summary>The first characters of the token, to recognise it in a list.</summary>
    public string Hint { get; private set; } = "";

    public string CreatedBy { get; private set; } = "";

    public DateTime? RevokedAt { get; private set; }

    public DateTime? LastUsedAt { get; private set; }

    public bool IsActive => RevokedAt is null;

    /// <summary>Creates a token; the returned secret is the only time it exists in clear.</summary>
    public static (ApiToken Token, string Secret) Issue(string name, PortalRole role, string createdBy)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            throw new DomainValidationException("name", "a token needs a name of 1 to 100 characters");
        }

        var secret = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (new ApiToken(name.Trim(), role, HashOf(secret), secret[..10], createdBy), secret);
    }

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Revokes the token at <paramref name="utcNow"/>; revoking it again changes nothing.</summary>
    public void Revoke(DateTime utcNow)
    {
        RevokedAt ??= utcNow;
        Touch();
    }

    public void MarkUsed(DateTime at) => LastUsedAt = at;
}
