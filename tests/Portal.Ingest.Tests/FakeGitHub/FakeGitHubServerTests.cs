using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Octokit;
using Octokit.Caching;
using Octokit.Internal;
using Portal.Testing.FakeGitHub;
using ProductHeaderValue = Octokit.ProductHeaderValue;

namespace Portal.Ingest.Tests.FakeGitHub;

/// <summary>
/// The fake GitHub as Octokit 14 sees it: every shape Portal's sync reads deserializes with the expected values,
/// and pagination, ETags, rate limits, faults and the GitHub App flow behave as on api.github.com.
/// </summary>
public sealed partial class FakeGitHubServerTests
{
    private const string Org = "acme";
    private const string Token = "fake-token";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An organisation with one well-known repository, two teams and a few people.</summary>
    private static FakeGitHubState Acme(Action<FakeRepo>? configure = null)
    {
        var state = new FakeGitHubState();
        state.ValidTokens.Add(Token);
        var org = state.AddOrg(Org);
        org.AddTeam("platform", name: "Platform", description: "Runs the platform");
        org.AddTeam("payments", parentSlug: "platform", name: "Payments");
        org.Team("platform").AddMember("alice", "maintainer");
        org.Team("payments").AddMember("bob", "maintainer");
        org.Team("payments").AddMember("carol");
        state.AddUser("alice", "Alice Example");
        org.AddRepo("payments", repo =>
        {
            repo.Description = "Takes the money";
            repo.Language = "C#";
            repo.Topics.AddRange(["pci", "tier-1"]);
            repo.DefaultBranchProtected = true;
            repo.CreatedAt = new DateTimeOffset(2021, 3, 4, 5, 6, 7, TimeSpan.Zero);
            repo.PushedAt = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
            repo.SetFile("README.md", "hello world\n");
            repo.SetFile(".github/workflows/ci.yml", "name: CI\n");
            repo.SetFile(".github/CODEOWNERS", "* @acme/team-payments\n");
            configure?.Invoke(repo);
        });
        return state;
    }

    /// <summary>Octokit as the brief sets it up: a <see cref="Connection"/> on the base address (no api/v3 prefix).</summary>
    private static GitHubClient Client(FakeGitHubServer server, string token = Token) =>
        new(new Connection(new ProductHeaderValue("portal-tests"), server.BaseUrl, new InMemoryCredentialStore(new Credentials(token))));

    /// <summary>Octokit as GitHub Enterprise users set it up: it puts <c>api/v3/</c> in front of every path.</summary>
    private static GitHubClient EnterpriseClient(FakeGitHubServer server, Credentials? credentials = null) =>
        new(new ProductHeaderValue("portal-tests"), new InMemoryCredentialStore(credentials ?? new Credentials(Token)), server.BaseUrl);

    private static HttpClient Http(FakeGitHubServer server, string? token = Token)
    {
        var http = new HttpClient { BaseAddress = server.BaseUrl };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("portal-tests");
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", token);
        }

        return http;
    }

    private static async Task<T> EventuallyAsync<T>(Func<T?> probe)
        where T : class
    {
        for (var i = 0; i < 100; i++)
        {
            if (probe() is { } value)
            {
                return value;
            }

            await Task.Delay(20, Ct);
        }

        throw new TimeoutException("The condition did not become true within two seconds.");
    }

    /// <summary>Every object key of <paramref name="recorded"/> (recursively; arrays by their first item) must be in <paramref name="actual"/>.</summary>
    private static void MissingKeys(JsonNode? recorded, JsonNode? actual, string path, List<string> missing)
    {
        switch (recorded)
        {
            case JsonObject recordedObject when actual is JsonObject actualObject:
                foreach (var (key, value) in recordedObject)
                {
                    if (!actualObject.ContainsKey(key))
                    {
                        missing.Add($"{path}.{key}");
                    }
                    else
                    {
                        MissingKeys(value, actualObject[key], $"{path}.{key}", missing);
                    }
                }

                break;
            case JsonArray { Count: > 0 } recordedArray when actual is JsonArray { Count: > 0 } actualArray:
                MissingKeys(recordedArray[0], actualArray[0], $"{path}[0]", missing);
                break;
            case JsonObject:
                if (actual is not null)
                {
                    missing.Add($"{path} (not an object)");
                }

                break;
            default:
                break;
        }
    }

    /// <summary>A clock a test moves by hand.</summary>
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public DateTimeOffset Start { get; } = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    /// <summary>Octokit's conditional-request cache, in memory.</summary>
    private sealed class MemoryResponseCache : IResponseCache
    {
        private readonly Dictionary<string, CachedResponse.V1> _entries = [];

        public Task<CachedResponse.V1> GetAsync(IRequest request)
        {
            lock (_entries)
            {
                return Task.FromResult(_entries.GetValueOrDefault(request.Endpoint.ToString())!);
            }
        }

        public Task SetAsync(IRequest request, CachedResponse.V1 cachedResponse)
        {
            lock (_entries)
            {
                _entries[request.Endpoint.ToString()] = cachedResponse;
            }

            return Task.CompletedTask;
        }
    }
}
