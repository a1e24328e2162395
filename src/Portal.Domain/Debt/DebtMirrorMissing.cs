namespace Portal.Domain.Debt;

/// <summary>
/// An open item still mirroring an issue that the sync's search did not return: the sync asks GitHub about the issue
/// (closed, unlabelled, deleted, moved) before changing the item.
/// </summary>
/// <param name="ItemId">The item.</param>
/// <param name="Organization">The issue's organisation, as the item's address names it.</param>
/// <param name="Repository">The issue's repository, as the item's address names it.</param>
/// <param name="Number">The issue number.</param>
/// <param name="IssueId">GitHub's id of the issue, when the item has it.</param>
public sealed record DebtMirrorMissing(Guid ItemId, string Organization, string Repository, int Number, long? IssueId)
{
    /// <summary>How people name the issue: <c>acme/billing#12</c>.</summary>
    public string Reference => $"{Organization}/{Repository}#{Number}";
}
