using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Portal.Testing.FakeGitHub;

/// <summary>
/// GitHub's REST shapes, field for field as api.github.com answers them (checked against the recorded
/// octokit/fixtures responses in tests/data), with URLs on the fake's own address like GitHub Enterprise.
/// Everything is derived from the state, never from the clock, so unchanged data renders byte-identical.
/// </summary>
internal static partial class GitHubJson
{
    public static string Date(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static JsonNode? Date(DateTimeOffset? value) => value is { } v ? Date(v) : null;

    public static JsonObject Error(string message, string documentationUrl) => new()
    {
        ["message"] = message,
        ["documentation_url"] = documentationUrl,
    };

    public static JsonObject Installation(FakeUrls u, FakeApp app, FakeOrg org) => new()
    {
        ["id"] = app.InstallationId,
        ["client_id"] = $"Iv1.{app.AppId:x12}",
        ["account"] = OrgAsOwner(u, org),
        ["repository_selection"] = "all",
        ["access_tokens_url"] = $"{u.Api}app/installations/{app.InstallationId}/access_tokens",
        ["repositories_url"] = $"{u.Api}installation/repositories",
        ["html_url"] = $"{u.Root}organizations/{org.Login}/settings/installations/{app.InstallationId}",
        ["app_id"] = app.AppId,
        ["app_slug"] = app.Slug,
        ["target_id"] = org.Id,
        ["target_type"] = "Organization",
        ["permissions"] = InstallationPermissions(),
        ["events"] = new JsonArray("push", "repository", "team", "membership", "member"),
        ["created_at"] = "2024-01-01T00:00:00Z",
        ["updated_at"] = "2024-01-01T00:00:00Z",
        ["single_file_name"] = null,
        ["has_multiple_single_files"] = false,
        ["single_file_paths"] = new JsonArray(),
        ["suspended_by"] = null,
        ["suspended_at"] = null,
    };

    public static JsonObject InstallationPermissions() => new()
    {
        ["administration"] = "read",
        ["contents"] = "read",
        ["deployments"] = "read",
        ["issues"] = "read",
        ["members"] = "read",
        ["metadata"] = "read",
        ["actions"] = "read",
    };

    public static JsonObject App(FakeUrls u, FakeApp app, FakeOrg? owner) => new()
    {
        ["id"] = app.AppId,
        ["slug"] = app.Slug,
        ["client_id"] = $"Iv1.{app.AppId:x12}",
        ["node_id"] = FakeGitHubState.NodeId("Integration", app.AppId),
        ["owner"] = owner is null ? null : OrgAsOwner(u, owner),
        ["name"] = "Portal Sync",
        ["description"] = "Keeps the developer portal in step with GitHub.",
        ["external_url"] = u.Root,
        ["html_url"] = $"{u.Root}apps/{app.Slug}",
        ["created_at"] = "2024-01-01T00:00:00Z",
        ["updated_at"] = "2024-01-01T00:00:00Z",
        ["permissions"] = InstallationPermissions(),
        ["events"] = new JsonArray("push", "repository", "team", "membership", "member"),
        ["installations_count"] = 1,
    };

    public static JsonObject RateLimit(RateLimitSnapshot core, RateLimitSnapshot graphql)
    {
        static JsonObject Resource(RateLimitSnapshot s, string name) => new()
        {
            ["limit"] = s.Limit,
            ["used"] = s.Used,
            ["remaining"] = s.Remaining,
            ["reset"] = s.ResetUnixSeconds,
            ["resource"] = name,
        };

        var search = new RateLimitSnapshot(30, 30, 0, core.ResetAt);
        return new JsonObject
        {
            ["resources"] = new JsonObject
            {
                ["core"] = Resource(core, "core"),
                ["search"] = Resource(search, "search"),
                ["graphql"] = Resource(graphql, "graphql"),
                ["integration_manifest"] = Resource(new RateLimitSnapshot(5000, 5000, 0, core.ResetAt), "integration_manifest"),
                ["code_search"] = Resource(new RateLimitSnapshot(10, 10, 0, core.ResetAt), "code_search"),
            },
            ["rate"] = Resource(core, "core"),
        };
    }

    /// <summary>Base64 with a newline after every 60 characters, as GitHub encodes file content.</summary>
    public static string Base64Lines(byte[] content)
    {
        var base64 = Convert.ToBase64String(content);
        var text = new StringBuilder(base64.Length + (base64.Length / 60) + 1);
        for (var i = 0; i < base64.Length; i += 60)
        {
            text.Append(base64, i, Math.Min(60, base64.Length - i)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>FNV-1a: a hash that is the same in every process (string.GetHashCode is not).</summary>
    public static long StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash & 0x7FFFFFFF;
    }
}
