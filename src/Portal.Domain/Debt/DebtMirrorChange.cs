namespace Portal.Domain.Debt;

/// <summary>What mirroring one GitHub issue did to the register.</summary>
public enum DebtMirrorChange
{
    /// <summary>A new item mirrors the issue.</summary>
    Created,

    /// <summary>The item took the new title, body, state or link.</summary>
    Updated,

    /// <summary>Nothing to change: nothing was written.</summary>
    Unchanged,

    /// <summary>The item no longer mirrors the issue (label removed, issue deleted or moved) and is Portal's own now.</summary>
    Released,

    /// <summary>Left alone: an issue of an archived repository, or one no item mirrors.</summary>
    Ignored,

    /// <summary>Not mirrored, for the reason in <see cref="DebtMirrorResult.Problems"/> (its repository is not in the catalog).</summary>
    Refused,

    /// <summary>
    /// An outsider's issue while outsiders' issues are not mirrored, and the item following it was mirrored as an
    /// outsider's issue: nothing was written; the caller releases the item (<see cref="DebtMirrorResult.ItemId"/>), within
    /// the run's cap on releases.
    /// </summary>
    OutsiderRelease,
}
