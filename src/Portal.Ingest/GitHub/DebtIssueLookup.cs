using Portal.Domain.Debt;

namespace Portal.Ingest.GitHub;

/// <summary>One issue read for a webhook: the issue, or that GitHub no longer has it here, or why it could not be read.</summary>
/// <param name="Issue">The issue, when it could be read and is not a pull request.</param>
/// <param name="Gone">True when GitHub answered 404 or 410: deleted, or the repository is gone.</param>
/// <param name="Problem">Why the answer could not be used.</param>
public sealed record DebtIssueLookup(MirroredIssue? Issue, bool Gone, string? Problem);
