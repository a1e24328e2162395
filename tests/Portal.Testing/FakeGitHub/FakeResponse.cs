using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portal.Testing.FakeGitHub;

/// <summary>An answer before it is written: status, body, headers, and how it counts.</summary>
internal sealed class FakeResponse
{
    private static readonly JsonSerializerOptions Compact = new()
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public int Status { get; init; } = 200;

    public byte[] Body { get; init; } = [];

    public string? ContentType { get; init; } = "application/json; charset=utf-8";

    public List<KeyValuePair<string, string>> Headers { get; } = [];

    /// <summary>Whether a 200 to a GET gets an ETag and may become a 304.</summary>
    public bool Conditional { get; init; }

    public static FakeResponse Json(JsonNode node, int status = 200) => new()
    {
        Status = status,
        Body = Encoding.UTF8.GetBytes(node.ToJsonString(Compact)),
        Conditional = status == 200,
    };

    public static FakeResponse Error(int status, string message, string documentationUrl) =>
        Json(GitHubJson.Error(message, documentationUrl), status);

    public static FakeResponse NotFound(string documentationUrl = Docs.Rest) => Error(404, "Not Found", documentationUrl);

    public FakeResponse WithHeader(string name, string value)
    {
        Headers.Add(new(name, value));
        return this;
    }
}

/// <summary>The <c>documentation_url</c>s GitHub puts in error bodies.</summary>
internal static class Docs
{
    public const string Rest = "https://docs.github.com/rest";
    public const string Auth = "https://docs.github.com/rest";
    public const string RateLimit = "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting";
    public const string SecondaryRateLimit = "https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits";
    public const string Org = "https://docs.github.com/rest/orgs/orgs#get-an-organization";
    public const string OrgRepos = "https://docs.github.com/rest/repos/repos#list-organization-repositories";
    public const string Repo = "https://docs.github.com/rest/repos/repos#get-a-repository";
    public const string Tree = "https://docs.github.com/rest/git/trees#get-a-tree";
    public const string Blob = "https://docs.github.com/rest/git/blobs#get-a-blob";
    public const string Contents = "https://docs.github.com/rest/repos/contents#get-repository-content";
    public const string Branch = "https://docs.github.com/rest/branches/branches#get-a-branch";
    public const string Protection = "https://docs.github.com/rest/branches/branch-protection#get-branch-protection";
    public const string Releases = "https://docs.github.com/rest/releases/releases#list-releases";
    public const string Deployments = "https://docs.github.com/rest/deployments/deployments#list-deployments";
    public const string Workflows = "https://docs.github.com/rest/actions/workflows#list-repository-workflows";
    public const string Issues = "https://docs.github.com/rest/issues/issues#list-repository-issues";
    public const string Teams = "https://docs.github.com/rest/teams/teams#get-a-team-by-name";
    public const string TeamMembers = "https://docs.github.com/rest/teams/members#list-team-members";
    public const string OrgMembers = "https://docs.github.com/rest/orgs/members#list-organization-members";
    public const string Users = "https://docs.github.com/rest/users/users#get-a-user";
    public const string Apps = "https://docs.github.com/rest/apps/apps#get-an-organization-installation-for-the-authenticated-app";
    public const string AccessTokens = "https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app";
    public const string GraphQl = "https://docs.github.com/graphql";
    public const string Redirect = "https://docs.github.com/rest/guides/best-practices-for-using-the-rest-api#follow-redirects";
}
