using System.Globalization;
using Portal.Domain.Common;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Signals;

namespace Portal.Domain.Scorecards.Commands;

/// <summary>
/// Turns a criterion a service does not meet into the starting values of a debt item: the criterion's title, the
/// service, its signal and effort, the evidence and the fix guide, a link back to the criterion, and a finding key
/// so the scorecard can show the item on that criterion afterwards.
/// </summary>
public static class CriterionDebtDraft
{
    /// <summary>Every scorecard finding key starts with this.</summary>
    public const string FindingPrefix = "scorecard:";

    /// <summary>The finding key of <paramref name="criterion"/> on <paramref name="service"/> (a reference).</summary>
    public static string FindingKey(string service, string criterion) => $"{FindingPrefix}{service}:{criterion}";

    /// <summary>The finding key prefix of every criterion of <paramref name="service"/>.</summary>
    public static string ServicePrefix(string service) => $"{FindingPrefix}{service}:";

    /// <summary>Where the criterion is shown: its row on the service's scorecard.</summary>
    public static string Path(string service, string criterion) => $"/scorecards/{service}#criterion-{criterion}";

    /// <summary>The kind of debt a gap in <paramref name="signal"/> usually is; people change it when it is not.</summary>
    public static DebtKind KindFor(ScalingSignal signal) => signal switch
    {
        ScalingSignal.Coordination or ScalingSignal.DataModel => DebtKind.Architecture,
        ScalingSignal.Observability or ScalingSignal.DeliveryPipeline => DebtKind.Infrastructure,
        ScalingSignal.TeamTopology => DebtKind.Process,
        _ => DebtKind.Code,
    };

    /// <summary>A new debt item for <paramref name="criterion"/> failing (or unknown) on <paramref name="service"/>.</summary>
    /// <param name="service">The service's reference.</param>
    /// <param name="serviceName">Its display name, for the description.</param>
    /// <param name="criterion">The criterion as the framework defines it.</param>
    /// <param name="result">The service's result for it, whose evidence goes into the description.</param>
    public static DebtItemEdit For(string service, string serviceName, CriterionDefinition criterion, CriterionResult result)
    {
        ArgumentNullException.ThrowIfNull(criterion);
        ArgumentNullException.ThrowIfNull(result);
        var status = result.StatusWithoutExemption ?? result.Status;
        var asOf = result.DataAsOf is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "no data";
        var description = string.Join("\n\n",
            $"{serviceName} does not meet the scorecard criterion **{criterion.Title}** ({criterion.Level} level, {ScalingSignals.Title(criterion.Signal)}).",
            $"**Evidence** ({status.ToString().ToLowerInvariant()}, data as of {asOf}): {Clip(result.Evidence, 4_000)}",
            $"**Why it matters:** {criterion.Why}",
            $"**What good looks like:** {criterion.Good}",
            $"**How to fix it:** {criterion.Fix}");
        var edit = new DebtItemEdit(
            Clip($"{criterion.Title} (not met)", DebtItem.MaxTitleLength),
            Clip(description, DebtItem.MaxDescriptionLength),
            [service],
            null,
            criterion.Signal,
            KindFor(criterion.Signal),
            DebtQuadrant.InadvertentPrudent,
            3,
            3,
            criterion.EffortDays,
            null,
            null,
            DebtStatus.Proposed,
            null,
            null,
            null,
            null,
            [new DebtLink(DebtLinkKind.Other, Path(service, criterion.Key), Clip($"Scorecard criterion: {criterion.Title}", DebtLink.MaxTitleLength))]);
        return edit with { FindingKey = FindingKey(service, criterion.Key) };
    }

    private static string Clip(string text, int max) => TextCut.Shorten(text, max);
}
