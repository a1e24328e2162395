using Portal.Domain.Debt;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Reviews.Queries;
using Portal.Domain.Signals;
using Portal.Domain.Scorecards.Commands;

namespace Portal.Domain.Reviews;

/// <summary>
/// Turns a review's action item into the starting values of a debt item: its title, the one service it is about (if
/// any), the owner team, the signal, the due date as the pay-back date, and a link back to the action item.
/// </summary>
public static class ActionItemDebtDraft
{
    /// <summary>Every action-item finding key starts with this.</summary>
    public const string FindingPrefix = "review-action:";

    /// <summary>The finding key that ties a debt item to the action item it came from.</summary>
    public static string FindingKey(Guid actionItemId) => $"{FindingPrefix}{actionItemId}";

    /// <summary>Where the action item is shown: its row on its review's page.</summary>
    public static string Path(string quarter, Guid actionItemId) => $"/reviews/{quarter}#action-{actionItemId}";

    /// <summary>A new debt item for <paramref name="item"/>. Effort is left empty: the action item does not say it.</summary>
    /// <param name="item">The action item.</param>
    /// <param name="teamServices">
    /// For an item about every service its owner team owns: those services (references, most critical first); the
    /// first <see cref="DebtItem.MaxServices"/> are named.
    /// </param>
    public static DebtItemEdit For(ActionItemDto item, IReadOnlyList<string>? teamServices = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        var signal = item.Signal ?? ScalingSignal.CompoundingShortcuts;
        var target = item.Signal is { } s && item.TargetLevel is { } level ? $" Target: {ScalingSignals.Title(s)} at {level}." : "";
        var description = $"Action item of the {item.Quarter} review, owned by {item.TeamName}, due {item.DueOn:yyyy-MM-dd}.{target}"
            + (string.IsNullOrWhiteSpace(item.Description) ? "" : $"\n\n{item.Description}");
        var edit = new DebtItemEdit(
            item.Title,
            description,
            item.Service is { } service ? [service] : [.. (teamServices ?? []).Take(DebtItem.MaxServices)],
            item.Team,
            signal,
            CriterionDebtDraft.KindFor(signal),
            DebtQuadrant.DeliberatePrudent,
            3,
            3,
            0,
            null,
            item.DueOn,
            DebtStatus.Accepted,
            Quarter.Of(item.DueOn).ToString(),
            null,
            null,
            null,
            [new DebtLink(DebtLinkKind.Other, Path(item.Quarter, item.Id), $"Action item of the {item.Quarter} review")]);
        return edit with { FindingKey = FindingKey(item.Id) };
    }
}
