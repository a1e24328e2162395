using System.Text.Json.Nodes;

namespace Portal.Testing.FakeGitHub;

/// <summary>GitHub's shapes of repositories.</summary>
internal static partial class GitHubJson
{
    /// <summary>
    /// A repository. <paramref name="full"/> is <c>GET /repos/{o}/{r}</c> (with organization, network and
    /// subscriber counts); lists answer the shorter form, as GitHub does.
    /// </summary>
    public static JsonObject Repository(FakeUrls u, FakeRepo repo, bool full)
    {
        var org = repo.Org;
        var name = repo.NameCore;
        var url = $"{u.Api}repos/{org.Login}/{name}";
        var html = $"{u.Root}{org.Login}/{name}";
        var host = new Uri(u.Root).Authority;
        var sizeKb = (repo.Snapshot().BlobsByPath.Values.Sum(b => (long)b.Content.Length) + 1023) / 1024;
        var openIssues = repo.Issues.Count(i => i.State == "open");
        var json = new JsonObject
        {
            ["id"] = repo.Id,
            ["node_id"] = repo.NodeId,
            ["name"] = name,
            ["full_name"] = $"{org.Login}/{name}",
            ["private"] = repo.Visibility != "public",
            ["owner"] = OrgAsOwner(u, org),
            ["html_url"] = html,
            ["description"] = repo.Description,
            ["fork"] = repo.Fork,
            ["url"] = url,
            ["forks_url"] = $"{url}/forks",
            ["keys_url"] = $"{url}/keys{{/key_id}}",
            ["collaborators_url"] = $"{url}/collaborators{{/collaborator}}",
            ["teams_url"] = $"{url}/teams",
            ["hooks_url"] = $"{url}/hooks",
            ["issue_events_url"] = $"{url}/issues/events{{/number}}",
            ["events_url"] = $"{url}/events",
            ["assignees_url"] = $"{url}/assignees{{/user}}",
            ["branches_url"] = $"{url}/branches{{/branch}}",
            ["tags_url"] = $"{url}/tags",
            ["blobs_url"] = $"{url}/git/blobs{{/sha}}",
            ["git_tags_url"] = $"{url}/git/tags{{/sha}}",
            ["git_refs_url"] = $"{url}/git/refs{{/sha}}",
            ["trees_url"] = $"{url}/git/trees{{/sha}}",
            ["statuses_url"] = $"{url}/statuses/{{sha}}",
            ["languages_url"] = $"{url}/languages",
            ["stargazers_url"] = $"{url}/stargazers",
            ["contributors_url"] = $"{url}/contributors",
            ["subscribers_url"] = $"{url}/subscribers",
            ["subscription_url"] = $"{url}/subscription",
            ["commits_url"] = $"{url}/commits{{/sha}}",
            ["git_commits_url"] = $"{url}/git/commits{{/sha}}",
            ["comments_url"] = $"{url}/comments{{/number}}",
            ["issue_comment_url"] = $"{url}/issues/comments{{/number}}",
            ["contents_url"] = $"{url}/contents/{{+path}}",
            ["compare_url"] = $"{url}/compare/{{base}}...{{head}}",
            ["merges_url"] = $"{url}/merges",
            ["archive_url"] = $"{url}/{{archive_format}}{{/ref}}",
            ["downloads_url"] = $"{url}/downloads",
            ["issues_url"] = $"{url}/issues{{/number}}",
            ["pulls_url"] = $"{url}/pulls{{/number}}",
            ["milestones_url"] = $"{url}/milestones{{/number}}",
            ["notifications_url"] = $"{url}/notifications{{?since,all,participating}}",
            ["labels_url"] = $"{url}/labels{{/name}}",
            ["releases_url"] = $"{url}/releases{{/id}}",
            ["deployments_url"] = $"{url}/deployments",
            ["created_at"] = Date(repo.CreatedAt),
            ["updated_at"] = Date(repo.UpdatedAt),
            ["pushed_at"] = Date(repo.PushedAt),
            ["git_url"] = $"git://{host}/{org.Login}/{name}.git",
            ["ssh_url"] = $"git@{new Uri(u.Root).Host}:{org.Login}/{name}.git",
            ["clone_url"] = $"{html}.git",
            ["svn_url"] = html,
            ["homepage"] = repo.Homepage,
            ["size"] = sizeKb,
            ["stargazers_count"] = 0,
            ["watchers_count"] = 0,
            ["language"] = repo.Language,
            ["has_issues"] = true,
            ["has_projects"] = true,
            ["has_downloads"] = true,
            ["has_wiki"] = false,
            ["has_pages"] = false,
            ["has_discussions"] = false,
            ["forks_count"] = 0,
            ["mirror_url"] = null,
            ["archived"] = repo.Archived,
            ["disabled"] = false,
            ["open_issues_count"] = openIssues,
            ["license"] = null,
            ["allow_forking"] = false,
            ["is_template"] = false,
            ["web_commit_signoff_required"] = false,
            ["topics"] = new JsonArray([.. repo.Topics.Select(t => (JsonNode?)t)]),
            ["visibility"] = repo.Visibility,
            ["forks"] = 0,
            ["open_issues"] = openIssues,
            ["watchers"] = 0,
            ["default_branch"] = repo.DefaultBranch,
            ["permissions"] = new JsonObject
            {
                ["admin"] = repo.ProtectionReadable,
                ["maintain"] = repo.ProtectionReadable,
                ["push"] = true,
                ["triage"] = true,
                ["pull"] = true,
            },
        };

        if (full)
        {
            json["temp_clone_token"] = string.Empty;
            json["allow_squash_merge"] = true;
            json["allow_merge_commit"] = true;
            json["allow_rebase_merge"] = true;
            json["allow_auto_merge"] = false;
            json["delete_branch_on_merge"] = true;
            json["allow_update_branch"] = false;
            json["use_squash_pr_title_as_default"] = false;
            json["squash_merge_commit_message"] = "COMMIT_MESSAGES";
            json["squash_merge_commit_title"] = "COMMIT_OR_PR_TITLE";
            json["merge_commit_message"] = "PR_TITLE";
            json["merge_commit_title"] = "MERGE_MESSAGE";
            json["organization"] = OrgAsOwner(u, org);
            json["network_count"] = 0;
            json["subscribers_count"] = 0;
        }

        return json;
    }
}
