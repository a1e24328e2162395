using System.Net;
using System.Text;
using System.Text.Json;
using Octokit;
using Portal.Ingest.Backstage;

namespace Portal.Ingest.GitHub;

/// <summary>
/// Reads GitHub through a <see cref="GitHubSession"/> with as few counted requests as it can: lists
/// 100 per page, one recursive tree per repository (304 when nothing was pushed), blobs only when
/// their sha changed (CODEOWNERS included), and delivery evidence for
/// 50 repositories per GraphQL query.
/// </summary>
public static class GitHubReader
{
    public const string CatalogFile = "catalog-info.yaml";

    /// <summary>GitHub's order: the first CODEOWNERS found wins.</summary>
    public static readonly string[] CodeOwnersPaths = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"];

    private const int EvidenceBatch = 50;
    private const int MaxLocationRounds = 3;
    private static readonly ApiOptions FullPages = new() { PageSize = 100 };

    public static async Task<IReadOnlyList<RepoInfo>> ListRepositoriesAsync(GitHubSession gh, string org, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var repos = await gh.Client.Repository.GetAllForOrg(org, FullPages);
        return [.. repos.Select(r => ToInfo(org, r))];
    }

    public static async Task<RepoInfo?> GetRepositoryAsync(GitHubSession gh, string org, string name, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        try
        {
            var repo = await gh.Client.Repository.Get(org, name);

            // GitHub redirects a transferred repository's old address to its new owner: for this
            // organisation it is gone.
            return string.Equals(repo.Owner?.Login, org, StringComparison.OrdinalIgnoreCase) ? ToInfo(org, repo) : null;
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    public static async Task<IReadOnlyList<TeamInfo>> ListTeamsAsync(GitHubSession gh, string org, CancellationToken ct)
    {
        var teams = await gh.Api.GetAll<Team>(new Uri($"orgs/{org}/teams", UriKind.Relative), null, FullPages);
        var result = new List<TeamInfo>(teams.Count);
        foreach (var team in teams)
        {
            ct.ThrowIfCancellationRequested();
            var members = new Uri($"orgs/{org}/teams/{team.Slug}/members", UriKind.Relative);
            var all = await gh.Api.GetAll<User>(members, new Dictionary<string, string> { ["role"] = "all" }, FullPages);
            var maintainers = all.Count == 0
                ? []
                : (await gh.Api.GetAll<User>(members, new Dictionary<string, string> { ["role"] = "maintainer" }, FullPages)).Select(u => u.Login).ToHashSet(StringComparer.OrdinalIgnoreCase);
            result.Add(new TeamInfo(
                team.Id,
                team.Slug,
                team.Name,
                team.Description,
                team.Parent?.Slug,
                all.ToDictionary(u => u.Login, u => maintainers.Contains(u.Login), StringComparer.OrdinalIgnoreCase)));
        }

        return DirectMembersOnly(result);
    }

    /// <summary>
    /// GitHub lists a child team's members as members of its parents too (with their role there), and
    /// says nothing about who was added to the parent directly. Portal keeps the parent's own members
    /// only: anyone who is in a child team is listed there, not on the parent.
    /// </summary>
    internal static IReadOnlyList<TeamInfo> DirectMembersOnly(IReadOnlyList<TeamInfo> teams)
    {
        var children = teams.Where(t => t.ParentSlug is not null).ToLookup(t => t.ParentSlug!, StringComparer.OrdinalIgnoreCase);

        HashSet<string> Below(TeamInfo team)
        {
            var logins = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var stack = new Stack<TeamInfo>(children[team.Slug]);
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            while (stack.TryPop(out var child))
            {
                if (!seen.Add(child.Slug))
                {
                    continue;
                }

                logins.UnionWith(child.Members.Keys);
                foreach (var grandchild in children[child.Slug])
                {
                    stack.Push(grandchild);
                }
            }

            return logins;
        }

        return [.. teams.Select(t =>
        {
            var below = Below(t);
            return below.Count == 0
                ? t
                : t with { Members = t.Members.Where(m => !below.Contains(m.Key)).ToDictionary(m => m.Key, m => m.Value, StringComparer.OrdinalIgnoreCase) };
        })];
    }

    /// <summary>
    /// Reads catalog files, CODEOWNERS and workflows of the default branch. <paramref name="knownShas"/>
    /// and <paramref name="knownFiles"/> hold the files read last time: a blob whose sha is unchanged is not fetched,
    /// and files with the same sha are fetched once. Catalog files are read within <paramref name="limits"/>, checked
    /// on the tree's sizes before downloading: a Location target beyond them is left unread and reported in
    /// <see cref="RepoContents.Problems"/>; a <c>catalog-info.yaml</c> beyond them throws <see cref="RepoFileException"/>
    /// (the repository keeps what was read before), as does a catalog file that cannot be used.
    /// </summary>
    public static async Task<RepoContents> ReadContentsAsync(
        GitHubSession gh, RepoInfo repo, IReadOnlyDictionary<string, string> knownShas, IReadOnlyDictionary<string, string> knownFiles,
        string? knownCodeOwnersSha, string? knownCodeOwnersTeam, CatalogFileLimits limits, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        TreeResponse tree;
        try
        {
            tree = await gh.Client.Git.Tree.GetRecursive(repo.Organization, repo.Name, repo.DefaultBranch);
        }
        catch (ApiException ex) when (ex.StatusCode is HttpStatusCode.Conflict)
        {
            // 409: an empty repository. Nothing to read.
            return new RepoContents(new Dictionary<string, string>(), new Dictionary<string, string>(), null, null, 0);
        }
        catch (NotFoundException ex)
        {
            // No default branch yet, or a token without Contents access: not "no files". Keep what we had.
            throw new GitHubUnavailableException($"the tree of {repo.DefaultBranch} could not be read (404: the token may lack Contents read access): {ex.Message}", ex);
        }

        if (tree.Truncated && !tree.Tree.Any(i => i.Path == CatalogFile))
        {
            // Too large for one tree answer and the catalog file is not in the part we got: do not guess.
            throw new GitHubUnavailableException($"the tree of {repo.DefaultBranch} is too large for one answer (truncated) and {CatalogFile} is not in the part GitHub sent");
        }

        var blobs = tree.Tree.Where(i => i.Type.Value == TreeType.Blob).ToDictionary(i => i.Path, i => (i.Sha, i.Size), StringComparer.Ordinal);
        var workflows = blobs.Keys.Count(p => p.StartsWith(".github/workflows/", StringComparison.Ordinal)
            && (p.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase))
            && p.Count(c => c == '/') == 2);

        var catalog = new RepoCatalogFiles(limits, async (path, sha) =>
        {
            if (knownShas.TryGetValue(path, out var knownSha) && knownSha == sha && knownFiles.TryGetValue(path, out var known))
            {
                return known;
            }

            return Decode(path, await gh.Client.Git.Blob.Get(repo.Organization, repo.Name, sha), limits.MaxFileBytes);
        });
        if (blobs.TryGetValue(CatalogFile, out var root))
        {
            if (catalog.Refusal(CatalogFile, root.Size) is { } refused)
            {
                throw new RepoFileException(CatalogFile, refused);
            }

            await catalog.ReadAsync(CatalogFile, root.Sha, root.Size);

            // Location targets inside the repository are read too; each round reads what the last one named.
            for (var round = 0; round < MaxLocationRounds; round++)
            {
                var wanted = new List<string>();
                BackstageCatalogReader.Read([.. catalog.Files.Select(f => new CatalogFile(f.Key, f.Value))], path =>
                {
                    wanted.Add(path);
                    return null;
                });
                var next = wanted.Distinct(StringComparer.Ordinal).Where(p => blobs.ContainsKey(p) && !catalog.Has(p)).ToList();
                if (next.Count == 0)
                {
                    break;
                }

                foreach (var path in next)
                {
                    await catalog.ReadAsync(path, blobs[path].Sha, blobs[path].Size);
                }
            }
        }

        string? codeOwnersTeam = null;
        string? codeOwnersSha = null;
        // Read whenever present (a blob request only when its sha changed): entities a catalog file leaves
        // without owner get this team, per document. A CODEOWNERS beyond the size of one catalog file is not read.
        if (CodeOwnersPaths.FirstOrDefault(blobs.ContainsKey) is { } codeOwnersPath && blobs[codeOwnersPath].Size <= limits.MaxFileBytes)
        {
            codeOwnersSha = blobs[codeOwnersPath].Sha;
            codeOwnersTeam = codeOwnersSha == knownCodeOwnersSha
                ? knownCodeOwnersTeam
                : CodeOwners.TeamForWholeRepository(Decode(codeOwnersPath, await gh.Client.Git.Blob.Get(repo.Organization, repo.Name, codeOwnersSha), limits.MaxFileBytes), repo.Organization);
        }

        return new RepoContents(catalog.Files, catalog.Shas, codeOwnersTeam, codeOwnersSha, workflows) { Problems = catalog.Problems };
    }

    /// <summary>Releases, deployments (last 90 days) and branch protection of many repositories, 50 per query.</summary>
    public static async Task<IReadOnlyList<RepoEvidence>> ReadEvidenceAsync(GitHubSession gh, IReadOnlyList<string> nodeIds, DateTime now, CancellationToken ct)
    {
        var result = new List<RepoEvidence>(nodeIds.Count);
        foreach (var batch in nodeIds.Chunk(EvidenceBatch))
        {
            ct.ThrowIfCancellationRequested();
            var body = JsonSerializer.Serialize(new { query = EvidenceQuery, variables = new { ids = batch } });
            var response = await gh.Connection.Post<Dictionary<string, object>>(gh.GraphQl, body, "application/json", "application/json", gh.GraphQl, ct);
            result.AddRange(ParseEvidence(response.HttpResponse.Body as string ?? "{}", now));
        }

        return result;
    }

    internal const string EvidenceQuery = """
        query($ids: [ID!]!) {
          nodes(ids: $ids) {
            ... on Repository {
              id
              nameWithOwner
              releases(first: 100, orderBy: {field: CREATED_AT, direction: DESC}) { totalCount nodes { createdAt tagName } }
              deployments(first: 100, orderBy: {field: CREATED_AT, direction: DESC}) { totalCount nodes { createdAt environment } }
              defaultBranchRef { name branchProtectionRule { id requiresApprovingReviews requiredApprovingReviewCount } }
            }
          }
        }
        """;

    internal static IEnumerable<RepoEvidence> ParseEvidence(string json, DateTime now)
    {
        using var doc = JsonDocument.Parse(json);
        if (!doc.RootElement.TryGetProperty("data", out var data) || !data.TryGetProperty("nodes", out var nodes) || nodes.ValueKind != JsonValueKind.Array)
        {
            var message = doc.RootElement.TryGetProperty("errors", out var errors) ? errors.ToString() : json;
            throw new GitHubUnavailableException($"GitHub GraphQL answered without data: {message[..Math.Min(message.Length, 500)]}");
        }

        var since = now.AddDays(-90);
        var list = new List<RepoEvidence>();
        foreach (var node in nodes.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.Object && n.TryGetProperty("id", out _)))
        {
            int Recent(string connection) =>
                node.TryGetProperty(connection, out var c) && c.ValueKind == JsonValueKind.Object && c.TryGetProperty("nodes", out var items)
                    ? items.EnumerateArray().Count(i => i.TryGetProperty("createdAt", out var at) && at.GetDateTime().ToUniversalTime() >= since)
                    : 0;

            bool? isProtected = null;
            if (node.TryGetProperty("defaultBranchRef", out var branch) && branch.ValueKind == JsonValueKind.Object
                && branch.TryGetProperty("branchProtectionRule", out var rule))
            {
                isProtected = rule.ValueKind == JsonValueKind.Object;
            }

            list.Add(new RepoEvidence(node.GetProperty("id").GetString()!, Recent("releases"), Recent("deployments"), isProtected));
        }

        return list;
    }

    private static string Decode(string path, Blob blob, long maxBytes)
    {
        try
        {
            var text = blob.Encoding.Value == EncodingType.Base64
                ? Encoding.UTF8.GetString(Convert.FromBase64String(blob.Content.Replace("\n", "", StringComparison.Ordinal)))
                : blob.Content;
            return Encoding.UTF8.GetByteCount(text) <= maxBytes
                ? text
                : throw new RepoFileException(path, $"is larger than {maxBytes:N0} bytes, the limit for one catalog file");
        }
        catch (FormatException ex)
        {
            throw new RepoFileException(path, $"GitHub sent content that is not valid base64: {ex.Message}");
        }
    }

    private static RepoInfo ToInfo(string org, Repository r) => new(
        r.Id,
        r.NodeId,
        org,
        r.Name,
        string.IsNullOrWhiteSpace(r.Description) ? null : r.Description,
        r.Language,
        r.Topics ?? [],
        string.IsNullOrEmpty(r.DefaultBranch) ? "main" : r.DefaultBranch,
        r.HtmlUrl,
        r.Archived,
        r.Fork,
        r.PushedAt?.UtcDateTime);
}
