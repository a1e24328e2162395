using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Portal.Testing.FakeGitHub;

/// <summary>
/// The addresses of one answer: <see cref="Root"/> is the fake's own address (where GitHub Enterprise puts web
/// pages and avatars), <see cref="Api"/> the REST base the request used (with or without <c>api/v3/</c>).
/// </summary>
internal sealed record FakeUrls(string Root, string Api);

/// <summary>
/// GitHub's REST shapes, field for field as api.github.com answers them (checked against the recorded
/// octokit/fixtures responses in tests/data), with URLs on the fake's own address like GitHub Enterprise.
/// Everything is derived from the state, never from the clock, so unchanged data renders byte-identical.
/// </summary>
internal static class GitHubJson
{
    public static string Date(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static JsonNode? Date(DateTimeOffset? value) => value is { } v ? Date(v) : null;

    public static JsonObject Error(string message, string documentationUrl) => new()
    {
        ["message"] = message,
        ["documentation_url"] = documentationUrl,
    };

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

    public static JsonObject Branch(FakeUrls u, FakeRepo repo, GitSnapshot snapshot)
    {
        var repoUrl = $"{u.Api}repos/{repo.OrgLogin}/{repo.NameCore}";
        var branch = repo.DefaultBranch;
        var commitUrl = $"{repoUrl}/commits/{snapshot.HeadSha}";
        var bot = new JsonObject
        {
            ["name"] = "Portal Fake",
            ["email"] = "fake@portal.example",
            ["date"] = Date(repo.PushedAt),
        };
        return new JsonObject
        {
            ["name"] = branch,
            ["commit"] = new JsonObject
            {
                ["sha"] = snapshot.HeadSha,
                ["node_id"] = FakeGitHubState.NodeId("Commit", repo.Id),
                ["commit"] = new JsonObject
                {
                    ["author"] = bot.DeepClone(),
                    ["committer"] = bot,
                    ["message"] = "Update files",
                    ["tree"] = new JsonObject
                    {
                        ["sha"] = snapshot.Root.Sha,
                        ["url"] = $"{repoUrl}/git/trees/{snapshot.Root.Sha}",
                    },
                    ["url"] = $"{repoUrl}/git/commits/{snapshot.HeadSha}",
                    ["comment_count"] = 0,
                    ["verification"] = new JsonObject
                    {
                        ["verified"] = false,
                        ["reason"] = "unsigned",
                        ["signature"] = null,
                        ["payload"] = null,
                        ["verified_at"] = null,
                    },
                },
                ["url"] = commitUrl,
                ["html_url"] = $"{u.Root}{repo.OrgLogin}/{repo.NameCore}/commit/{snapshot.HeadSha}",
                ["comments_url"] = $"{commitUrl}/comments",
                ["author"] = null,
                ["committer"] = null,
                ["parents"] = new JsonArray(),
            },
            ["_links"] = new JsonObject
            {
                ["self"] = $"{repoUrl}/branches/{branch}",
                ["html"] = $"{u.Root}{repo.OrgLogin}/{repo.NameCore}/tree/{branch}",
            },
            ["protected"] = repo.DefaultBranchProtected,
            ["protection"] = new JsonObject
            {
                ["enabled"] = repo.DefaultBranchProtected,
                ["required_status_checks"] = new JsonObject
                {
                    ["enforcement_level"] = repo.DefaultBranchProtected ? "non_admins" : "off",
                    ["contexts"] = repo.DefaultBranchProtected ? new JsonArray("ci") : new JsonArray(),
                    ["checks"] = repo.DefaultBranchProtected
                        ? new JsonArray(new JsonObject { ["context"] = "ci", ["app_id"] = null })
                        : new JsonArray(),
                },
            },
            ["protection_url"] = $"{repoUrl}/branches/{branch}/protection",
        };
    }

    /// <summary>A realistic protection: one approving review, status check <c>ci</c>, admins included.</summary>
    public static JsonObject Protection(FakeUrls u, FakeRepo repo)
    {
        var url = $"{u.Api}repos/{repo.OrgLogin}/{repo.NameCore}/branches/{repo.DefaultBranch}/protection";
        return new JsonObject
        {
            ["url"] = url,
            ["required_status_checks"] = new JsonObject
            {
                ["url"] = $"{url}/required_status_checks",
                ["strict"] = true,
                ["contexts"] = new JsonArray("ci"),
                ["contexts_url"] = $"{url}/required_status_checks/contexts",
                ["checks"] = new JsonArray(new JsonObject { ["context"] = "ci", ["app_id"] = null }),
            },
            ["required_pull_request_reviews"] = new JsonObject
            {
                ["url"] = $"{url}/required_pull_request_reviews",
                ["dismiss_stale_reviews"] = true,
                ["require_code_owner_reviews"] = false,
                ["require_last_push_approval"] = false,
                ["required_approving_review_count"] = 1,
            },
            ["required_signatures"] = new JsonObject { ["url"] = $"{url}/required_signatures", ["enabled"] = false },
            ["enforce_admins"] = new JsonObject { ["url"] = $"{url}/enforce_admins", ["enabled"] = true },
            ["required_linear_history"] = new JsonObject { ["enabled"] = false },
            ["allow_force_pushes"] = new JsonObject { ["enabled"] = false },
            ["allow_deletions"] = new JsonObject { ["enabled"] = false },
            ["block_creations"] = new JsonObject { ["enabled"] = false },
            ["required_conversation_resolution"] = new JsonObject { ["enabled"] = false },
            ["lock_branch"] = new JsonObject { ["enabled"] = false },
            ["allow_fork_syncing"] = new JsonObject { ["enabled"] = false },
        };
    }

    /// <summary>A file or directory entry of the contents API; <paramref name="content"/> only for a single file.</summary>
    public static JsonObject ContentEntry(FakeUrls u, FakeRepo repo, string refName, GitTreeEntry entry, byte[]? content)
    {
        var repoUrl = $"{u.Api}repos/{repo.OrgLogin}/{repo.NameCore}";
        var self = $"{repoUrl}/contents/{entry.Path}?ref={refName}";
        var git = $"{repoUrl}/git/{(entry.IsTree ? "trees" : "blobs")}/{entry.Sha}";
        var html = $"{u.Root}{repo.OrgLogin}/{repo.NameCore}/{(entry.IsTree ? "tree" : "blob")}/{refName}/{entry.Path}";
        var json = new JsonObject();
        if (content is not null)
        {
            json["type"] = "file";
            json["encoding"] = "base64";
            json["size"] = entry.Size;
            json["name"] = entry.Name;
            json["path"] = entry.Path;
            json["content"] = Base64Lines(content);
        }
        else
        {
            json["name"] = entry.Name;
            json["path"] = entry.Path;
        }

        json["sha"] = entry.Sha;
        if (content is null)
        {
            json["size"] = entry.Size;
        }

        json["url"] = self;
        json["html_url"] = html;
        json["git_url"] = git;
        json["download_url"] = entry.IsTree ? null : $"{u.Root}{repo.OrgLogin}/{repo.NameCore}/raw/{refName}/{entry.Path}";
        if (content is null)
        {
            json["type"] = entry.IsTree ? "dir" : "file";
        }

        json["_links"] = new JsonObject { ["self"] = self, ["git"] = git, ["html"] = html };
        return json;
    }

    public static JsonObject Tree(FakeUrls u, FakeRepo repo, GitSnapshot snapshot, GitTree tree, bool recursive)
    {
        var repoUrl = $"{u.Api}repos/{repo.OrgLogin}/{repo.NameCore}";
        var entries = recursive ? snapshot.Descendants(tree) : tree.Entries;
        var items = new JsonArray();
        foreach (var entry in entries)
        {
            var path = tree.Path.Length == 0 ? entry.Path : entry.Path[(tree.Path.Length + 1)..];
            var item = new JsonObject
            {
                ["path"] = path,
                ["mode"] = entry.Mode,
                ["type"] = entry.IsTree ? "tree" : "blob",
                ["sha"] = entry.Sha,
            };
            if (!entry.IsTree)
            {
                item["size"] = entry.Size;
            }

            item["url"] = $"{repoUrl}/git/{(entry.IsTree ? "trees" : "blobs")}/{entry.Sha}";
            items.Add(item);
        }

        return new JsonObject
        {
            ["sha"] = tree.Sha,
            ["url"] = $"{repoUrl}/git/trees/{tree.Sha}",
            ["tree"] = items,
            ["truncated"] = false,
        };
    }

    public static JsonObject Blob(FakeUrls u, FakeRepo repo, GitBlob blob) => new()
    {
        ["sha"] = blob.Sha,
        ["node_id"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"04:Blob{repo.Id}:{blob.Sha}")),
        ["size"] = blob.Content.Length,
        ["url"] = $"{u.Api}repos/{repo.OrgLogin}/{repo.NameCore}/git/blobs/{blob.Sha}",
        ["content"] = Base64Lines(blob.Content),
        ["encoding"] = "base64",
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
