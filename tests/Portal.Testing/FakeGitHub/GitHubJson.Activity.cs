using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Portal.Testing.FakeGitHub;

/// <summary>GitHub's shapes of teams, releases, deployments, workflows, labels and issues.</summary>
internal static partial class GitHubJson
{
    public static string TeamUrl(FakeUrls u, FakeTeam team) => $"{u.Api}organizations/{team.Org.Id}/team/{team.Id}";

    /// <summary>A team; <paramref name="full"/> adds counts, dates and the organisation like <c>GET /orgs/{org}/teams/{slug}</c>.</summary>
    public static JsonObject Team(FakeUrls u, FakeTeam team, FakeTeam? parent, bool full, int reposCount = 0)
    {
        var json = TeamSimple(u, team);
        json["parent"] = parent is null ? null : TeamSimple(u, parent);
        if (full)
        {
            json["members_count"] = team.MembersCore.Count;
            json["repos_count"] = reposCount;
            json["created_at"] = Date(team.CreatedAt);
            json["updated_at"] = Date(team.CreatedAt);
            json["organization"] = Organization(u, team.Org, 0, 0);
        }

        return json;
    }

    public static JsonObject TeamSimple(FakeUrls u, FakeTeam team)
    {
        var url = TeamUrl(u, team);
        return new JsonObject
        {
            ["name"] = team.NameCore,
            ["id"] = team.Id,
            ["node_id"] = team.NodeId,
            ["slug"] = team.Slug,
            ["description"] = team.DescriptionCore,
            ["privacy"] = "closed",
            ["notification_setting"] = "notifications_enabled",
            ["url"] = url,
            ["html_url"] = $"{u.Root}orgs/{team.Org.Login}/teams/{team.Slug}",
            ["members_url"] = $"{url}/members{{/member}}",
            ["repositories_url"] = $"{url}/repos",
            ["permission"] = "pull",
        };
    }

    public static JsonObject Release(FakeUrls u, FakeRepo repo, FakeRelease release, FakeUser author)
    {
        var url = $"{u.Api}repos/{repo.OrgLogin}/{repo.NameCore}";
        return new JsonObject
        {
            ["url"] = $"{url}/releases/{release.Id}",
            ["assets_url"] = $"{url}/releases/{release.Id}/assets",
            ["upload_url"] = $"{u.Root}api/uploads/repos/{repo.OrgLogin}/{repo.NameCore}/releases/{release.Id}/assets{{?name,label}}",
            ["html_url"] = $"{u.Root}{repo.OrgLogin}/{repo.NameCore}/releases/tag/{release.TagName}",
            ["id"] = release.Id,
            ["author"] = SimpleUser(u, author),
            ["node_id"] = FakeGitHubState.NodeId("Release", release.Id),
            ["tag_name"] = release.TagName,
            ["target_commitish"] = release.TargetCommitish,
            ["name"] = release.Name,
            ["draft"] = release.Draft,
            ["immutable"] = false,
            ["prerelease"] = release.Prerelease,
            ["created_at"] = Date(release.CreatedAt),
            ["published_at"] = release.Draft ? null : Date(release.PublishedAt ?? release.CreatedAt),
            ["assets"] = new JsonArray(),
            ["tarball_url"] = $"{url}/tarball/{release.TagName}",
            ["zipball_url"] = $"{url}/zipball/{release.TagName}",
            ["body"] = release.Body,
        };
    }

    public static JsonObject Deployment(FakeUrls u, FakeRepo repo, FakeDeployment deployment, FakeUser creator)
    {
        var repoUrl = $"{u.Api}repos/{repo.OrgLogin}/{repo.NameCore}";
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(
            Encoding.UTF8.GetBytes($"deploy {repo.Id} {deployment.Ref} {Date(deployment.CreatedAt)}")));
        return new JsonObject
        {
            ["url"] = $"{repoUrl}/deployments/{deployment.Id}",
            ["id"] = deployment.Id,
            ["node_id"] = FakeGitHubState.NodeId("Deployment", deployment.Id),
            ["task"] = "deploy",
            ["original_environment"] = deployment.Environment,
            ["environment"] = deployment.Environment,
            ["description"] = deployment.Description,
            ["created_at"] = Date(deployment.CreatedAt),
            ["updated_at"] = Date(deployment.CreatedAt),
            ["statuses_url"] = $"{repoUrl}/deployments/{deployment.Id}/statuses",
            ["repository_url"] = repoUrl,
            ["creator"] = SimpleUser(u, creator),
            ["sha"] = sha,
            ["ref"] = deployment.Ref,
            ["payload"] = new JsonObject(),
            ["transient_environment"] = false,
            ["production_environment"] = deployment.Environment == "production",
            ["performed_via_github_app"] = null,
        };
    }

    public static JsonObject Workflow(FakeUrls u, FakeRepo repo, long id, string path, string name)
    {
        var created = Date(repo.CreatedAt);
        return new JsonObject
        {
            ["id"] = id,
            ["node_id"] = FakeGitHubState.NodeId("Workflow", id),
            ["name"] = name,
            ["path"] = path,
            ["state"] = "active",
            ["created_at"] = created,
            ["updated_at"] = created,
            ["url"] = $"{u.Api}repos/{repo.OrgLogin}/{repo.NameCore}/actions/workflows/{id}",
            ["html_url"] = $"{u.Root}{repo.OrgLogin}/{repo.NameCore}/blob/{repo.DefaultBranch}/{path}",
            ["badge_url"] = $"{u.Root}{repo.OrgLogin}/{repo.NameCore}/workflows/{Uri.EscapeDataString(name)}/badge.svg",
        };
    }

    public static JsonObject Label(FakeUrls u, FakeRepo repo, string name)
    {
        var id = 60_000_000L + (StableHash($"{repo.Id}/{name}") % 1_000_000);
        return new JsonObject
        {
            ["id"] = id,
            ["node_id"] = FakeGitHubState.NodeId("Label", id),
            ["url"] = $"{u.Api}repos/{repo.OrgLogin}/{repo.NameCore}/labels/{Uri.EscapeDataString(name)}",
            ["name"] = name,
            ["color"] = (StableHash(name) % 0xFFFFFF).ToString("x6", CultureInfo.InvariantCulture),
            ["default"] = name is "bug" or "enhancement" or "documentation",
            ["description"] = null,
        };
    }

    public static JsonObject Issue(FakeUrls u, FakeRepo repo, FakeIssue issue, FakeUser author)
    {
        var repoUrl = $"{u.Api}repos/{repo.OrgLogin}/{repo.NameCore}";
        var url = $"{repoUrl}/issues/{issue.Number}";
        var closed = issue.State == "closed";
        return new JsonObject
        {
            ["url"] = url,
            ["repository_url"] = repoUrl,
            ["labels_url"] = $"{url}/labels{{/name}}",
            ["comments_url"] = $"{url}/comments",
            ["events_url"] = $"{url}/events",
            ["html_url"] = $"{u.Root}{repo.OrgLogin}/{repo.NameCore}/issues/{issue.Number}",
            ["id"] = issue.Id,
            ["node_id"] = FakeGitHubState.NodeId("Issue", issue.Id),
            ["number"] = issue.Number,
            ["title"] = issue.Title,
            ["user"] = SimpleUser(u, author),
            ["labels"] = new JsonArray([.. issue.Labels.Select(l => (JsonNode)Label(u, repo, l))]),
            ["state"] = issue.State,
            ["locked"] = false,
            ["assignee"] = null,
            ["assignees"] = new JsonArray(),
            ["milestone"] = null,
            ["comments"] = 0,
            ["created_at"] = Date(issue.CreatedAt),
            ["updated_at"] = Date(issue.UpdatedAt),
            ["closed_at"] = closed ? Date(issue.ClosedAt ?? issue.UpdatedAt) : null,
            ["state_reason"] = closed ? issue.StateReason : null,
            ["author_association"] = issue.AuthorAssociation,
            ["active_lock_reason"] = null,
            ["body"] = issue.Body,
            ["pull_request"] = issue.IsPullRequest
                ? new JsonObject
                {
                    ["url"] = $"{repoUrl}/pulls/{issue.Number}",
                    ["html_url"] = $"{u.Root}{repo.OrgLogin}/{repo.NameCore}/pull/{issue.Number}",
                    ["diff_url"] = $"{u.Root}{repo.OrgLogin}/{repo.NameCore}/pull/{issue.Number}.diff",
                    ["patch_url"] = $"{u.Root}{repo.OrgLogin}/{repo.NameCore}/pull/{issue.Number}.patch",
                    ["merged_at"] = null,
                }
                : null,
            ["reactions"] = new JsonObject
            {
                ["url"] = $"{url}/reactions",
                ["total_count"] = 0,
                ["+1"] = 0,
                ["-1"] = 0,
                ["laugh"] = 0,
                ["hooray"] = 0,
                ["confused"] = 0,
                ["heart"] = 0,
                ["rocket"] = 0,
                ["eyes"] = 0,
            },
            ["timeline_url"] = $"{url}/timeline",
            ["performed_via_github_app"] = null,
        };
    }
}
