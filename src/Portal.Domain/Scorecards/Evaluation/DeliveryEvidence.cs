namespace Portal.Domain.Scorecards.Evaluation;

/// <summary>What the GitHub sync recorded about a service's repository.</summary>
/// <param name="Repository">owner/name on GitHub.</param>
/// <param name="WorkflowCount">GitHub Actions workflows on the default branch.</param>
/// <param name="ReleasesLast90Days">Releases in the 90 days before <paramref name="EvidenceAt"/>; null when not read.</param>
/// <param name="DeploymentsLast90Days">Deployments in the same window; null when not read.</param>
/// <param name="DefaultBranchProtected">Null when the token may not read branch protection.</param>
/// <param name="EvidenceAt">When the evidence was read (UTC); null when never.</param>
/// <param name="ContentsAt">When the repository's contents (workflows) were last read (UTC).</param>
public sealed record DeliveryEvidence(
    string Repository,
    int WorkflowCount,
    int? ReleasesLast90Days,
    int? DeploymentsLast90Days,
    bool? DefaultBranchProtected,
    DateTime? EvidenceAt,
    DateTime ContentsAt);
