namespace Portal.Domain.Debt;

/// <summary>
/// Which status a person may move a debt item to from where it is: forward along Proposed → Accepted → Planned →
/// In progress (a step may be skipped: planning an item accepts it), Done only from Planned or In progress (work that was
/// agreed and scheduled), back when plans change, Won't fix from any open status, and reopening (Done → In progress or
/// Accepted; Won't fix → Proposed or Accepted when it is looked at again). Creating an item, importing and the GitHub sync record
/// the status as it is and are not bound by the steps.
/// </summary>
public static class DebtWorkflow
{
    private static readonly Dictionary<DebtStatus, DebtStatus[]> Next = new()
    {
        [DebtStatus.Proposed] = [DebtStatus.Accepted, DebtStatus.Planned, DebtStatus.InProgress, DebtStatus.WontFix],
        [DebtStatus.Accepted] = [DebtStatus.Proposed, DebtStatus.Planned, DebtStatus.InProgress, DebtStatus.WontFix],
        [DebtStatus.Planned] = [DebtStatus.Proposed, DebtStatus.Accepted, DebtStatus.InProgress, DebtStatus.Done, DebtStatus.WontFix],
        [DebtStatus.InProgress] = [DebtStatus.Proposed, DebtStatus.Accepted, DebtStatus.Planned, DebtStatus.Done, DebtStatus.WontFix],
        [DebtStatus.Done] = [DebtStatus.InProgress, DebtStatus.Accepted],
        [DebtStatus.WontFix] = [DebtStatus.Proposed, DebtStatus.Accepted],
    };

    /// <summary>The statuses an item in <paramref name="from"/> may move to (staying where it is is always allowed).</summary>
    public static IReadOnlyList<DebtStatus> NextFrom(DebtStatus from) => Next.TryGetValue(from, out var next) ? next : [];

    /// <summary>True when a person may move an item from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool CanMove(DebtStatus from, DebtStatus to) => from == to || NextFrom(from).Contains(to);

    /// <summary>Why a move is not allowed, naming where the item can go instead.</summary>
    public static string WhyNot(DebtStatus from, DebtStatus to) =>
        $"cannot go from {DebtEnums.Title(from)} to {DebtEnums.Title(to)}; from {DebtEnums.Title(from)} it can go to "
        + string.Join(", ", NextFrom(from).Select(DebtEnums.Title));
}
