namespace Portal.Domain.Debt;

/// <summary>What mirroring one issue did, the item concerned, and anything the sync page should show (a label it could not read).</summary>
public sealed record DebtMirrorResult(DebtMirrorChange Change, Guid? ItemId, IReadOnlyList<string> Problems)
{
    public static DebtMirrorResult Of(DebtMirrorChange change, Guid? itemId = null) => new(change, itemId, []);
}
