namespace Portal.Domain.Sync.Queries;

/// <summary>What GitHub says about how a service's repository is delivered (evidence for scorecards).</summary>
public sealed record RepositoryEvidence(
    string FullName, string HtmlUrl, string DefaultBranch, bool IsArchived, bool IsGone, bool HasWorkflows, int WorkflowCount,
    int? ReleasesLast90Days, int? DeploymentsLast90Days, bool? DefaultBranchProtected, DateTime? EvidenceAt, string? CodeOwnersTeam, string? LastError);
