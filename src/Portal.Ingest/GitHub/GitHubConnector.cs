using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Octokit;
using Octokit.Caching;
using Octokit.Internal;

namespace Portal.Ingest.GitHub;

/// <summary>
/// Builds the Octokit client a sync talks through: caching (ETags in the database) over polite
/// (timeouts, retries, rate limits, counting) over plain HTTP, with token or GitHub App credentials.
/// </summary>
public sealed class GitHubConnector(
    IOptions<GitHubOptions> options,
    DatabaseResponseCache cache,
    TimeProvider clock,
    ILoggerFactory loggers)
{
    private static readonly ProductHeaderValue Product = new("Portal", "1.0");

    private readonly Lock _gate = new();
    private readonly Dictionary<string, ICredentialStore> _credentials = new(StringComparer.OrdinalIgnoreCase);

    public GitHubOptions Options => options.Value;

    /// <summary>
    /// A client for one run over one organisation (a GitHub App has one installation per organisation);
    /// its requests are counted on <paramref name="meter"/> and stop when <paramref name="runAborted"/> fires.
    /// </summary>
    public GitHubSession Open(RequestMeter meter, string organization, CancellationToken runAborted)
    {
        var o = options.Value;
        var polite = new PoliteHttpClient(NewHttp(), o, meter, clock, loggers.CreateLogger<PoliteHttpClient>(), runAborted);
        var connection = new Connection(Product, RestRoot(o.ApiUrl), Credentials(organization), new CachingHttpClient(polite, cache), new SimpleJsonSerializer());
        return new GitHubSession(new GitHubClient(connection), connection, polite, meter, cache, GraphQlUrl(o.ApiUrl));
    }

    /// <summary>
    /// The REST root Octokit's own GitHubClient constructors would use: api.github.com as it is, any other
    /// host (GitHub Enterprise Server) with <c>api/v3/</c> (a Connection built by hand does not add it).
    /// </summary>
    internal static Uri RestRoot(Uri apiUrl)
    {
        if (string.Equals(apiUrl.Host, "api.github.com", StringComparison.OrdinalIgnoreCase))
        {
            return apiUrl;
        }

        var path = apiUrl.AbsolutePath.TrimEnd('/');
        return path.EndsWith("/api/v3", StringComparison.OrdinalIgnoreCase) ? new Uri(apiUrl, path + "/") : new Uri(apiUrl, path + "/api/v3/");
    }

    /// <summary>GitHub's GraphQL endpoint next to the REST root: <c>/graphql</c> on github.com, <c>/api/graphql</c> on Enterprise Server.</summary>
    internal static Uri GraphQlUrl(Uri apiUrl) =>
        string.Equals(apiUrl.Host, "api.github.com", StringComparison.OrdinalIgnoreCase)
            ? new Uri(apiUrl, "/graphql")
            : new Uri(apiUrl, "/api/graphql");

    private ICredentialStore Credentials(string organization)
    {
        lock (_gate)
        {
            // App stores live as long as the portal, so installation tokens are reused across runs.
            if (!_credentials.TryGetValue(organization, out var store))
            {
                store = options.Value.AppId is not null
                    ? new GitHubAppCredentialStore(options.Value, organization, AppConnection, clock)
                    : new InMemoryCredentialStore(new Credentials(options.Value.Token ?? ""));
                _credentials[organization] = store;
            }

            return store;
        }
    }

    private Connection AppConnection(ICredentialStore jwt)
    {
        var polite = new PoliteHttpClient(NewHttp(), options.Value, new RequestMeter(), clock, loggers.CreateLogger<PoliteHttpClient>(), CancellationToken.None);
        return new Connection(Product, RestRoot(options.Value.ApiUrl), jwt, polite, new SimpleJsonSerializer());
    }

    // Redirects are Octokit's to follow (its adapter keeps the credentials on GitHub's own host): .NET's handler would
    // follow a 301 itself (a renamed repository, a transferred issue) and drop the Authorization header, so a private
    // repository's old address would answer 401 and fail the run.
    private static HttpClientAdapter NewHttp() => new(() => new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    });
}
