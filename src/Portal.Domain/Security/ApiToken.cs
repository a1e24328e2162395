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

    private ApiToken(string name, PortalRole role, string hash, string hint, string createdBy, List<string> createdByAlso, DateTime? expiresAt)
    {
        Name = name;
        Role = role;
        Hash = hash;
        Hint = hint;
        CreatedBy = createdBy;
        CreatedByAlso = createdByAlso;
        ExpiresAt = expiresAt;
        NameKey = KeyOf(name);
        NameFolded = NameKey;
    }

    /// <summary>How long a new token lasts unless its creator says otherwise.</summary>
    public static TimeSpan DefaultLifetime { get; } = TimeSpan.FromDays(365);

    /// <summary>The longest lifetime a token may be given (tokens without expiry are asked for explicitly).</summary>
    public static TimeSpan MaxLifetime { get; } = TimeSpan.FromDays(5 * 365);

    public string Name { get; private set; } = "";

    /// <summary>
    /// <see cref="Name"/> folded for comparison (<see cref="KeyOf"/>) while the token holds its name; null once it is
    /// revoked or its name is released, and for tokens made before names were keyed. A unique index on it makes two
    /// tokens in use with the same name impossible, even when two admins create them at the same moment.
    /// </summary>
    public string? NameKey { get; private set; }

    /// <summary>
    /// <see cref="Name"/> folded (<see cref="KeyOf"/>) for good, kept after a revoke, so four eyes finds every token of
    /// a name through an index (<c>SameAccountNames</c>) instead of reading them all. Null on tokens made before it was
    /// kept (or by an older instance): those are compared in code.
    /// </summary>
    public string? NameFolded { get; private set; }

    public PortalRole Role { get; private set; }

    /// <summary>Hex SHA-256 of the whole token. Tokens carry 256 random bits, so a plain hash is enough.</summary>
    public string Hash { get; private set; } = "";

    /// <summary>The first characters of the token, to recognise it in a list.</summary>
    public string Hint { get; private set; } = "";

    public string CreatedBy { get; private set; } = "";

    /// <summary>
    /// The creator's other names when the token was made: the names the same account acted under
    /// (<see cref="Actor.OtherNames"/>, e.g. <c>oidc:&lt;subject&gt;</c>) and whom it answered for
    /// (<see cref="Actor.AnswersFor"/>). The token answers for all of them, so it never decides a request its creator
    /// made under any of those names. Null on tokens made before Portal kept them (those answer for
    /// <see cref="CreatedBy"/>, widened at decision time over the current sign-in links).
    /// </summary>
    public List<string>? CreatedByAlso { get; private set; }

    /// <summary>Every name this token answers for: <see cref="CreatedBy"/> and <see cref="CreatedByAlso"/>.</summary>
    public IReadOnlySet<string> Creators()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrEmpty(CreatedBy))
        {
            names.Add(CreatedBy);
        }

        names.UnionWith(CreatedByAlso ?? []);
        return names;
    }

    public DateTime? RevokedAt { get; private set; }

    public DateTime? LastUsedAt { get; private set; }

    /// <summary>UTC instant from which the token is refused; null for a token that never expires (and for tokens made before expiry existed).</summary>
    public DateTime? ExpiresAt { get; private set; }

    /// <summary>Not revoked (an expired token is still "active" until <see cref="IsUsableAt"/> says otherwise).</summary>
    public bool IsActive => RevokedAt is null;

    /// <summary>Neither revoked nor expired at <paramref name="utcNow"/>.</summary>
    public bool IsUsableAt(DateTime utcNow) => RevokedAt is null && !IsExpiredAt(utcNow);

    public bool IsExpiredAt(DateTime utcNow) => ExpiresAt is { } expires && utcNow >= expires;

    /// <summary>
    /// Creates a token that expires <paramref name="lifetime"/> after <paramref name="utcNow"/> (null: never); the
    /// returned secret is the only time it exists in clear.
    /// </summary>
    public static (ApiToken Token, string Secret) Issue(string name, PortalRole role, string createdBy, DateTime utcNow, TimeSpan? lifetime) =>
        Issue(name, role, new Actor(createdBy, createdBy, PortalRole.Admin, new HashSet<Guid>()), utcNow, lifetime);

    /// <summary>
    /// Creates a token made by <paramref name="creator"/>, keeping every name the creator acts under or answers for
    /// (<see cref="CreatedByAlso"/>), and <paramref name="sameAccount"/> (the names linked to those at creation), so the
    /// token is never a second pair of eyes on its creator's requests, even after one of those links is removed.
    /// </summary>
    public static (ApiToken Token, string Secret) Issue(
        string name, PortalRole role, Actor creator, DateTime utcNow, TimeSpan? lifetime, IEnumerable<string>? sameAccount = null)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            throw new DomainValidationException("name", "a token needs a name of 1 to 100 characters");
        }

        if (lifetime is { } life && (life < TimeSpan.FromDays(1) || life > MaxLifetime))
        {
            throw new DomainValidationException("expiresInDays", $"a token lasts from 1 day to {MaxLifetime.TotalDays:0} days, or never expires");
        }

        var secret = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        List<string> also = [.. creator.OtherNames.Concat(creator.AnswersFor).Concat(sameAccount ?? [])
            .Where(n => !string.Equals(n, creator.Name, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)];
        return (new ApiToken(name.Trim(), role, HashOf(secret), secret[..10], creator.Name, also, utcNow + lifetime), secret);
    }

    /// <summary>A name as compared for uniqueness: trimmed, in canonical Unicode form, in .NET's invariant lower case (all scripts, not only ASCII).</summary>
    public static string KeyOf(string name) => name.Trim().Normalize(NormalizationForm.FormC).ToLowerInvariant();

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Revokes the token at <paramref name="utcNow"/>; revoking it again changes nothing.</summary>
    public void Revoke(DateTime utcNow)
    {
        RevokedAt ??= utcNow;
        NameKey = null;
        Touch();
    }

    /// <summary>Lets another token take this one's name (it expired, or was revoked by an instance from before name keys).</summary>
    public void ReleaseName()
    {
        NameKey = null;
        Touch();
    }

    public void MarkUsed(DateTime at) => LastUsedAt = at;
}
