using Octokit;

namespace Portal.Ingest.GitHub;

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
