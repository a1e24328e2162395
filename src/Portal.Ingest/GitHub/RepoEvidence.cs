namespace Portal.Ingest.GitHub;

/// <summary>Delivery evidence of one repository over the last 90 days.</summary>
public sealed record RepoEvidence(string NodeId, int Releases, int Deployments, bool? BranchProtected);
