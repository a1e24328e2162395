using Portal.Domain.Common;
namespace Portal.Domain.Sync;

/// <summary>
/// Portal's memory of one GitHub repository: followed by GitHub's numeric id (so renames keep the
/// link), the service it became, the last good catalog files read from it, and the delivery
/// evidence scorecards use. Never deleted: a repository gone from GitHub is flagged.
/// </summary>
public sealed class GitHubRepository : IStampedOnSave
{
    private bool _changed;

    private GitHubRepository()
    {
    }

    public GitHubRepository(long gitHubId, string organization, string name)
    {
        GitHubId = gitHubId;
        Organization = organization;
        Name = name;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    /// <summary>GitHub's id; stays the same through renames and transfers.</summary>
    public long GitHubId { get; private set; }

    /// <summary>GraphQL node id, used to ask for evidence of many repositories at once.</summary>
    public string NodeId { get; private set; } = "";

    public string Organization { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string FullName => $"{Organization}/{Name}";

    /// <summary>
    /// The name GitHub listed this repository under before its latest rename (same <see cref="GitHubId"/>, new
    /// name), or null. Only this makes the sync treat the records of the old name as the repository's own.
    /// </summary>
    public string? RenamedFrom { get; private set; }

    public string? Description { get; private set; }

    public string? Language { get; private set; }

    public List<string> Topics { get; private set; } = [];

    public string DefaultBranch { get; private set; } = "main";

    public string HtmlUrl { get; private set; } = "";

    public bool IsArchived { get; private set; }

    public bool IsFork { get; private set; }

    public DateTime? PushedAt { get; private set; }

    /// <summary>The repository is no longer in its organisation on GitHub (deleted or transferred away).</summary>
    public bool IsGone { get; private set; }

    /// <summary>The service this repository became (inferred or named by its catalog file).</summary>
    public Guid? ServiceId { get; private set; }

    /// <summary>Catalog files (catalog-info.yaml and Location targets) as last read without error; path → content.</summary>
    public Dictionary<string, string> CatalogFiles { get; private set; } = [];

    /// <summary>Git blob shas of <see cref="CatalogFiles"/>: unchanged sha, unchanged content, no request.</summary>
    public Dictionary<string, string> CatalogShas { get; private set; } = [];

    /// <summary>Team named by the repository's CODEOWNERS for the whole tree, as <c>org/team-slug</c>.</summary>
    public string? CodeOwnersTeam { get; private set; }

    public string? CodeOwnersSha { get; private set; }

    public bool HasWorkflows { get; private set; }

    public int WorkflowCount { get; private set; }

    /// <summary>Releases in the 90 days before <see cref="EvidenceAt"/>.</summary>
    public int? ReleasesLast90Days { get; private set; }

    /// <summary>Deployments in the 90 days before <see cref="EvidenceAt"/>.</summary>
    public int? DeploymentsLast90Days { get; private set; }

    /// <summary>Null when the token may not read branch protection.</summary>
    public bool? DefaultBranchProtected { get; private set; }

    public DateTime? EvidenceAt { get; private set; }

    /// <summary>The last error reading this repository, kept until a read succeeds.</summary>
    public string? LastError { get; private set; }

    /// <summary>UTC, when a change was last saved (the DbContext's clock).</summary>
    public DateTime UpdatedAt { get; private set; }

    /// <summary>Sets what the repository list says; returns true when anything changed.</summary>
    public bool Describe(string organization, string name, string nodeId, string? description, string? language, IEnumerable<string> topics,
        string defaultBranch, string htmlUrl, bool archived, bool fork, DateTime? pushedAt)
    {
        var topicList = topics.Select(t => t.ToLowerInvariant()).Order(StringComparer.Ordinal).ToList();
        var changed = Organization != organization || Name != name || NodeId != nodeId || Description != description || Language != language
            || !Topics.SequenceEqual(topicList) || DefaultBranch != defaultBranch || HtmlUrl != htmlUrl || IsArchived != archived
            || IsFork != fork || PushedAt != pushedAt || IsGone;
        if (changed)
        {
            if (Name != name && Organization == organization && Name.Length > 0)
            {
                RenamedFrom = Name;
            }

            Organization = organization;
            Name = name;
            NodeId = nodeId;
            Description = description;
            Language = language;
            Topics = topicList;
            DefaultBranch = defaultBranch;
            HtmlUrl = htmlUrl;
            IsArchived = archived;
            IsFork = fork;
            PushedAt = pushedAt;
            IsGone = false;
            _changed = true;
        }

        return changed;
    }

    /// <summary>Records what the default branch holds; returns true when anything changed.</summary>
    public bool RecordContents(IReadOnlyDictionary<string, string> catalogFiles, IReadOnlyDictionary<string, string> catalogShas,
        string? codeOwnersTeam, string? codeOwnersSha, int workflowCount)
    {
        var changed = !Dictionaries.SameEntries(CatalogFiles, catalogFiles) || !Dictionaries.SameEntries(CatalogShas, catalogShas) || CodeOwnersTeam != codeOwnersTeam
            || CodeOwnersSha != codeOwnersSha || WorkflowCount != workflowCount || LastError is not null;
        if (changed)
        {
            CatalogFiles = new Dictionary<string, string>(catalogFiles, StringComparer.Ordinal);
            CatalogShas = new Dictionary<string, string>(catalogShas, StringComparer.Ordinal);
            CodeOwnersTeam = codeOwnersTeam;
            CodeOwnersSha = codeOwnersSha;
            WorkflowCount = workflowCount;
            HasWorkflows = workflowCount > 0;
            LastError = null;
            _changed = true;
        }

        return changed;
    }

    /// <summary>Records delivery evidence; returns true when anything changed.</summary>
    public bool RecordEvidence(int releases, int deployments, bool? branchProtected, DateTime at)
    {
        var changed = ReleasesLast90Days != releases || DeploymentsLast90Days != deployments || DefaultBranchProtected != branchProtected;
        if (changed || EvidenceAt is null)
        {
            ReleasesLast90Days = releases;
            DeploymentsLast90Days = deployments;
            DefaultBranchProtected = branchProtected;
            EvidenceAt = at;
            _changed = true;
            return true;
        }

        return false;
    }

    public bool RecordError(string error)
    {
        if (LastError == error)
        {
            return false;
        }

        LastError = TextCut.Prefix(error, 2000);
        _changed = true;
        return true;
    }

    public bool LinkService(Guid? serviceId)
    {
        if (ServiceId == serviceId)
        {
            return false;
        }

        ServiceId = serviceId;
        _changed = true;
        return true;
    }

    public bool MarkGone()
    {
        if (IsGone)
        {
            return false;
        }

        IsGone = true;
        _changed = true;
        return true;
    }

    bool IStampedOnSave.Stamp(DateTime utcNow, bool added)
    {
        if (!added && !_changed)
        {
            return false;
        }

        UpdatedAt = utcNow;
        _changed = false;
        return true;
    }
}
