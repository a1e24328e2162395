using Portal.Domain.Common;

namespace Portal.Domain.Debt;

/// <summary>The query form of <see cref="DebtItem.IsMirrored"/>: items that follow a GitHub issue now.</summary>
public static class MirroredItems
{
    /// <summary>Items whose source is GitHub and that have an issue address (mirrored, not released).</summary>
    public static IQueryable<DebtItem> Mirrored(this IQueryable<DebtItem> items) =>
        items.Where(i => i.Source == DataSource.GitHub && i.ExternalUrl != null);
}
