using System.Globalization;
using MudBlazor;
using Portal.Domain.Debt;
using Portal.Domain.Signals;

namespace Portal.Web.Components.Pages.Debt;

/// <summary>How the debt pages write numbers, statuses and scales, in one place.</summary>
public static class DebtFormat
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Hours: whole numbers from 10 up, one decimal below.</summary>
    public static string Hours(double hours) => hours >= 10 ? hours.ToString("N0", Inv) : hours.ToString("0.#", Inv);

    public static string Days(double days) => days.ToString("0.#", Inv);

    public static string Date(DateOnly? date) => date?.ToString("d MMM yyyy", Inv) ?? "—";

    /// <summary>A UTC instant, labelled as UTC.</summary>
    public static string Utc(DateTime at) => at.ToString("d MMM yyyy HH:mm", Inv) + " UTC";

    public static string Status(DebtStatus status) => DebtEnums.Title(status);

    public static string Signal(ScalingSignal signal) => ScalingSignals.Title(signal);

    public static string Quadrant(DebtQuadrant quadrant) => DebtEnums.Title(quadrant);

    /// <summary>What a link points at, in words: <c>GraphFinding</c> → "graph finding".</summary>
    public static string LinkKind(DebtLinkKind kind) => kind switch
    {
        DebtLinkKind.GitHubIssue => "GitHub issue",
        DebtLinkKind.Incident => "incident",
        DebtLinkKind.GraphFinding => "graph finding",
        DebtLinkKind.Document => "document",
        _ => "other",
    };

    public static Color StatusColor(DebtStatus status) => status switch
    {
        DebtStatus.Proposed => Color.Default,
        DebtStatus.Accepted => Color.Info,
        DebtStatus.Planned => Color.Primary,
        DebtStatus.InProgress => Color.Secondary,
        DebtStatus.Done => Color.Success,
        _ => Color.Dark,
    };

    /// <summary>What a likelihood of 1–5 means, in words.</summary>
    public static string Likelihood(int value) => value switch
    {
        1 => "1 – hardly ever",
        2 => "2 – unlikely this quarter",
        3 => "3 – about even",
        4 => "4 – likely this quarter",
        5 => "5 – almost certain",
        _ => value.ToString(Inv),
    };

    /// <summary>What an impact of 1–5 means, in words.</summary>
    public static string Impact(int value) => value switch
    {
        1 => "1 – an hour or two lost",
        2 => "2 – half a day lost",
        3 => "3 – days lost for someone",
        4 => "4 – an incident customers notice",
        5 => "5 – an outage or data loss",
        _ => value.ToString(Inv),
    };

    /// <summary>The quarters people plan for: the last one, this one and the next six.</summary>
    public static IReadOnlyList<string> Quarters(DateOnly today)
    {
        var q = Quarter.Of(today).Previous;
        var list = new List<string>();
        for (var i = 0; i < 8; i++, q = q.Next)
        {
            list.Add(q.ToString());
        }

        return list;
    }
}
