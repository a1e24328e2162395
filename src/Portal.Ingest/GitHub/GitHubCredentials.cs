using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Octokit;
using Octokit.Internal;

namespace Portal.Ingest.GitHub;

/// <summary>
/// Credentials of a GitHub App installation: a short JWT signed with the App's private key is traded
/// for an installation token, which is reused until five minutes before it expires and then renewed.
/// </summary>
/// <remarks>One store per organisation: each organisation has its own installation of the App.</remarks>
public sealed class GitHubAppCredentialStore(GitHubOptions options, string organization, Func<ICredentialStore, IConnection> connect, TimeProvider clock) : ICredentialStore
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Credentials? _credentials;
    private DateTimeOffset _expiresAt;

    /// <summary>How many installation tokens this store has asked for (tests check renewal).</summary>
    public int TokensIssued { get; private set; }

    public async Task<Credentials> GetCredentials()
    {
        if (_credentials is not null && clock.GetUtcNow() < _expiresAt - RenewBefore)
        {
            return _credentials;
        }

        await _gate.WaitAsync();
        try
        {
            if (_credentials is null || clock.GetUtcNow() >= _expiresAt - RenewBefore)
            {
                var client = new GitHubClient(connect(new InMemoryCredentialStore(new Credentials(CreateJwt(), AuthenticationType.Bearer))));
                // A configured installation id only stands for the organisation when there is just one.
                var installationId = options.AppInstallationId is { } configured && options.Organizations.Count == 1
                    ? configured
                    : (await client.GitHubApps.GetOrganizationInstallationForCurrent(organization)).Id;
                var token = await client.GitHubApps.CreateInstallationToken(installationId);
                _credentials = new Credentials(token.Token);
                _expiresAt = token.ExpiresAt;
                TokensIssued++;
            }

            return _credentials;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>RS256 JWT: issued a minute back (clock drift), valid nine minutes, issuer the App id.</summary>
    internal string CreateJwt()
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "RS256", typ = "JWT" }));
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { iat = now - 60, exp = now + 540, iss = options.AppId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(options.AppPrivateKey);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"{GitHubOptions.Section}:AppPrivateKey is not a PEM RSA private key: {ex.Message}", ex);
        }

        var signature = rsa.SignData(Encoding.ASCII.GetBytes($"{header}.{payload}"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{header}.{payload}.{Base64Url(signature)}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
