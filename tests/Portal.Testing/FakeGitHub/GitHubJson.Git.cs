using System.Text;
using System.Text.Json.Nodes;

namespace Portal.Testing.FakeGitHub;

/// <summary>GitHub's shapes of branches, protection, contents, trees and blobs.</summary>
internal static partial class GitHubJson
{
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
}
