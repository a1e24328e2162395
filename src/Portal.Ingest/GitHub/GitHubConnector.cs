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
    private ICredentialStore? _credentials;

    public GitHubOptions Options => options.Value;

    /// <summary>A client for one run; its requests are counted on <paramref name="meter"/>.</summary>
    public GitHubSession Open(RequestMeter meter)
    {
        var o = options.Value;
        var polite = new PoliteHttpClient(NewHttp(), o, meter, clock, loggers.CreateLogger<PoliteHttpClient>());
        var connection = new Connection(Product, o.ApiUrl, Credentials(), new CachingHttpClient(polite, cache), new SimpleJsonSerializer());
        return new GitHubSession(new GitHubClient(connection), connection, polite, meter, cache, GraphQlUrl(o.ApiUrl));
    }

    /// <summary>GitHub's GraphQL endpoint next to the REST root: <c>/graphql</c> on github.com, <c>/api/graphql</c> on Enterprise Server.</summary>
    internal static Uri GraphQlUrl(Uri apiUrl) =>
        string.Equals(apiUrl.Host, "api.github.com", StringComparison.OrdinalIgnoreCase)
            ? new Uri(apiUrl, "/graphql")
            : new Uri(apiUrl, "/api/graphql");

    private ICredentialStore Credentials()
    {
        lock (_gate)
        {
            // The App store lives as long as the portal, so installation tokens are reused across runs.
            return _credentials ??= options.Value.AppId is not null
                ? new GitHubAppCredentialStore(options.Value, AppConnection, clock)
                : new InMemoryCredentialStore(new Credentials(options.Value.Token ?? ""));
        }
    }

    private Connection AppConnection(ICredentialStore jwt)
    {
        var polite = new PoliteHttpClient(NewHttp(), options.Value, new RequestMeter(), clock, loggers.CreateLogger<PoliteHttpClient>());
        return new Connection(Product, options.Value.ApiUrl, jwt, polite, new SimpleJsonSerializer());
    }

    private static HttpClientAdapter NewHttp() => new(() => new SocketsHttpHandler
    {
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    });
}

/// <summary>One run's view of GitHub: the Octokit client, its meter and the GraphQL address.</summary>
public sealed class GitHubSession(GitHubClient client, IConnection connection, IDisposable http, RequestMeter meter, DatabaseResponseCache cache, Uri graphQl) : IDisposable
{
    public GitHubClient Client { get; } = client;

    public IConnection Connection { get; } = connection;

    public ApiConnection Api { get; } = new(connection);

    public RequestMeter Meter { get; } = meter;

    public Uri GraphQl { get; } = graphQl;

    /// <summary>Waits for the cache writes Octokit started without waiting.</summary>
    public Task FlushAsync() => cache.DrainAsync();

    public void Dispose() => http.Dispose();
}
