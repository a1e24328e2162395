using System.Text.Json.Nodes;

namespace Portal.Testing.FakeGitHub;

/// <summary>GitHub's shapes of users and organisations.</summary>
internal static partial class GitHubJson
{
    public static JsonObject SimpleUser(FakeUrls u, string login, long id, string nodeId, string type = "User")
    {
        var url = $"{u.Api}users/{login}";
        return new JsonObject
        {
            ["login"] = login,
            ["id"] = id,
            ["node_id"] = nodeId,
            ["avatar_url"] = $"{u.Root}avatars/u/{id}?v=4",
            ["gravatar_id"] = string.Empty,
            ["url"] = url,
            ["html_url"] = $"{u.Root}{login}",
            ["followers_url"] = $"{url}/followers",
            ["following_url"] = $"{url}/following{{/other_user}}",
            ["gists_url"] = $"{url}/gists{{/gist_id}}",
            ["starred_url"] = $"{url}/starred{{/owner}}{{/repo}}",
            ["subscriptions_url"] = $"{url}/subscriptions",
            ["organizations_url"] = $"{url}/orgs",
            ["repos_url"] = $"{url}/repos",
            ["events_url"] = $"{url}/events{{/privacy}}",
            ["received_events_url"] = $"{url}/received_events",
            ["type"] = type,
            ["user_view_type"] = "public",
            ["site_admin"] = false,
        };
    }

    public static JsonObject SimpleUser(FakeUrls u, FakeUser user) => SimpleUser(u, user.Login, user.Id, user.NodeId);

    public static JsonObject OrgAsOwner(FakeUrls u, FakeOrg org) => SimpleUser(u, org.Login, org.Id, org.NodeId, "Organization");

    public static JsonObject FullUser(FakeUrls u, FakeUser user, int publicRepos)
    {
        var json = SimpleUser(u, user);
        json["name"] = user.Name;
        json["company"] = null;
        json["blog"] = string.Empty;
        json["location"] = null;
        json["email"] = user.Email;
        json["hireable"] = null;
        json["bio"] = null;
        json["twitter_username"] = null;
        json["public_repos"] = publicRepos;
        json["public_gists"] = 0;
        json["followers"] = 0;
        json["following"] = 0;
        json["created_at"] = Date(user.CreatedAt);
        json["updated_at"] = Date(user.CreatedAt);
        return json;
    }

    public static JsonObject Organization(FakeUrls u, FakeOrg org, int publicRepos, int privateRepos)
    {
        var url = $"{u.Api}orgs/{org.Login}";
        return new JsonObject
        {
            ["login"] = org.Login,
            ["id"] = org.Id,
            ["node_id"] = org.NodeId,
            ["url"] = url,
            ["repos_url"] = $"{url}/repos",
            ["events_url"] = $"{url}/events",
            ["hooks_url"] = $"{url}/hooks",
            ["issues_url"] = $"{url}/issues",
            ["members_url"] = $"{url}/members{{/member}}",
            ["public_members_url"] = $"{url}/public_members{{/member}}",
            ["avatar_url"] = $"{u.Root}avatars/u/{org.Id}?v=4",
            ["description"] = org.Description,
            ["name"] = org.Name,
            ["company"] = null,
            ["blog"] = string.Empty,
            ["location"] = null,
            ["email"] = null,
            ["twitter_username"] = null,
            ["is_verified"] = false,
            ["has_organization_projects"] = true,
            ["has_repository_projects"] = true,
            ["public_repos"] = publicRepos,
            ["public_gists"] = 0,
            ["followers"] = 0,
            ["following"] = 0,
            ["html_url"] = $"{u.Root}{org.Login}",
            ["created_at"] = "2017-10-10T16:00:00Z",
            ["updated_at"] = "2017-10-10T16:00:00Z",
            ["archived_at"] = null,
            ["type"] = "Organization",
            ["total_private_repos"] = privateRepos,
            ["owned_private_repos"] = privateRepos,
            ["private_gists"] = 0,
            ["disk_usage"] = 1,
            ["collaborators"] = 0,
            ["billing_email"] = $"billing@{org.Login}.example",
            ["default_repository_permission"] = "read",
            ["members_can_create_repositories"] = true,
            ["two_factor_requirement_enabled"] = true,
            ["members_allowed_repository_creation_type"] = "all",
            ["members_can_create_public_repositories"] = true,
            ["members_can_create_private_repositories"] = true,
            ["members_can_create_internal_repositories"] = true,
            ["members_can_create_pages"] = true,
            ["members_can_fork_private_repositories"] = false,
            ["members_can_create_public_pages"] = true,
            ["members_can_create_private_pages"] = true,
            ["web_commit_signoff_required"] = false,
            ["plan"] = new JsonObject
            {
                ["name"] = "enterprise",
                ["space"] = 976_562_499,
                ["private_repos"] = 999_999,
                ["filled_seats"] = 1,
                ["seats"] = 5000,
            },
        };
    }
}
