using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Portal.Testing.FakeGitHub;

/// <summary>
/// A GitHub App installed on every organisation of the state (one installation id for all, a simplification).
/// <c>GET /orgs/{org}/installation</c> and <c>POST /app/installations/{id}/access_tokens</c> want an app JWT
/// (RS256, <c>iss</c> = <see cref="AppId"/>, <c>exp</c> in the future and at most 10 minutes ahead,
/// <c>iat</c> not more than 60 s ahead, signature checked with <see cref="PublicKeyPem"/>); an issued
/// installation token works like a valid token until it expires, then answers 401.
/// </summary>
public sealed class FakeApp
{
    private readonly Lock _gate = new();
    private readonly List<FakeIssuedToken> _issued = [];
    private TimeSpan _tokenLifetime = TimeSpan.FromHours(1);

    public required long AppId { get; init; }

    /// <summary>The app's public key (SubjectPublicKeyInfo or PKCS#1 PEM) the fake verifies JWTs with.</summary>
    public string PublicKeyPem { get; init; } = string.Empty;

    /// <summary>The app's public key as an <see cref="RSA"/> key: sets <see cref="PublicKeyPem"/>; reading gives a new instance to dispose.</summary>
    public RSA PublicKey
    {
        get
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(PublicKeyPem);
            return rsa;
        }

        init => PublicKeyPem = value.ExportSubjectPublicKeyInfoPem();
    }

    /// <summary>The private key (PKCS#1 PEM, as GitHub hands it out), when the fake made the key pair: see <see cref="Create"/>.</summary>
    public string? PrivateKeyPem { get; init; }

    public long InstallationId { get; init; } = 7_000_001;

    public string Slug { get; init; } = "portal-sync";

    /// <summary>How long an installation token is valid (GitHub: one hour).</summary>
    public TimeSpan TokenLifetime
    {
        get { lock (_gate) { return _tokenLifetime; } }
        set { lock (_gate) { _tokenLifetime = value; } }
    }

    /// <summary>Every installation token issued so far, oldest first.</summary>
    public IReadOnlyList<FakeIssuedToken> IssuedTokens
    {
        get { lock (_gate) { return [.. _issued]; } }
    }

    /// <summary>An app with a fresh 2048-bit key pair; hand <see cref="PrivateKeyPem"/> to the code under test.</summary>
    public static FakeApp Create(long appId = 424_242, long installationId = 7_000_001)
    {
        using var rsa = RSA.Create(2048);
        return new FakeApp
        {
            AppId = appId,
            InstallationId = installationId,
            PublicKeyPem = rsa.ExportSubjectPublicKeyInfoPem(),
            PrivateKeyPem = rsa.ExportRSAPrivateKeyPem(),
        };
    }

    /// <summary>
    /// A JWT as GitHub's docs say to make one: <c>iat</c> 60 s in the past, <c>exp</c> <paramref name="lifetime"/>
    /// (default 9 minutes) ahead. Needs <see cref="PrivateKeyPem"/>.
    /// </summary>
    public string CreateJwt(DateTimeOffset now, TimeSpan? lifetime = null)
    {
        var pem = PrivateKeyPem ?? throw new InvalidOperationException("This FakeApp has no private key; make it with FakeApp.Create.");
        using var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "RS256", typ = "JWT" }));
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new
        {
            iat = now.AddSeconds(-60).ToUnixTimeSeconds(),
            exp = now.Add(lifetime ?? TimeSpan.FromMinutes(9)).ToUnixTimeSeconds(),
            iss = AppId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        var signature = rsa.SignData(Encoding.ASCII.GetBytes($"{header}.{payload}"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{header}.{payload}.{Base64Url(signature)}";
    }

    /// <summary>Why GitHub would refuse this JWT, or <c>null</c> when it is good.</summary>
    internal string? Validate(string jwt, DateTimeOffset now)
    {
        const string Undecodable = "A JSON web token could not be decoded";
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            return Undecodable;
        }

        try
        {
            using var header = JsonDocument.Parse(FromBase64Url(parts[0]));
            using var payload = JsonDocument.Parse(FromBase64Url(parts[1]));
            if (!header.RootElement.TryGetProperty("alg", out var alg) || alg.GetString() != "RS256")
            {
                return Undecodable;
            }

            using var rsa = PublicKey;
            if (!rsa.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), FromBase64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                return Undecodable;
            }

            var claims = payload.RootElement;
            if (!claims.TryGetProperty("iss", out var iss) || Number(iss) != AppId)
            {
                return "Integration not found";
            }

            if (!claims.TryGetProperty("exp", out var expClaim) || Number(expClaim) is not { } exp || exp <= now.ToUnixTimeSeconds())
            {
                return "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
            }

            if (exp > now.AddMinutes(10).AddSeconds(30).ToUnixTimeSeconds())
            {
                return "'Expiration time' claim ('exp') is too far in the future";
            }

            if (!claims.TryGetProperty("iat", out var iatClaim) || Number(iatClaim) is not { } iat || iat > now.AddSeconds(60).ToUnixTimeSeconds())
            {
                return "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued";
            }

            return null;
        }
        catch (Exception e) when (e is JsonException or FormatException or CryptographicException or ArgumentException)
        {
            return Undecodable;
        }
    }

    internal FakeIssuedToken Issue(DateTimeOffset now)
    {
        var token = "ghs_" + RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 36);
        lock (_gate)
        {
            var issued = new FakeIssuedToken(token, InstallationId, now, FakeGitHubState.Truncate(now + _tokenLifetime));
            _issued.Add(issued);
            return issued;
        }
    }

    internal FakeIssuedToken? FindToken(string token)
    {
        lock (_gate)
        {
            return _issued.FirstOrDefault(t => t.Token == token);
        }
    }

    private static long? Number(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number when element.TryGetInt64(out var n) => n,
        JsonValueKind.String when long.TryParse(element.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }
}

/// <summary>An installation token the fake issued; valid until <see cref="ExpiresAt"/>.</summary>
public sealed record FakeIssuedToken(string Token, long InstallationId, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);
