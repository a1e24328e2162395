using System.Globalization;
using MudBlazor;
using Portal.Domain.Reviews;
using Portal.Domain.Reviews.Initiatives;
using Portal.Domain.Scorecards;
using Portal.Domain.Signals;
using Portal.Web.Components.Shared;

namespace Portal.Web.Components.Pages.Initiatives;

/// <summary>Initiatives in words, the same on every page: the target, the due date, the status.</summary>
public static class InitiativeFormat
{
    /// <summary>Where the list of initiatives is.</summary>
    public const string ListHref = "/initiatives";

    /// <summary>An initiative's page.</summary>
    public static string Href(Guid id) => $"/initiatives/{id}";

    /// <summary>The form that grows an action item into an initiative.</summary>
    public static string GrowHref(Guid actionItemId) => $"/initiatives/new?fromActionItem={actionItemId}";

    /// <summary>"every tier-1 service of Payments Core at Silver on Cascading failures".</summary>
    public static string Target(InitiativeSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return Target(summary.ScopeTeams, summary.MaxTier, summary.Signal, summary.TargetLevel);
    }

    /// <summary>The target in words from its parts; <paramref name="scopeTeams"/> are display names, empty for the organisation.</summary>
    public static string Target(IReadOnlyList<string> scopeTeams, int? maxTier, ScalingSignal signal, ScoreLevel level)
    {
        ArgumentNullException.ThrowIfNull(scopeTeams);
        return $"{Services(maxTier)} {Scope(scopeTeams)} at {ScorecardFormat.Level(level)} on {ScalingSignals.Title(signal)}";
    }

    /// <summary>The target as a sentence: capitalised.</summary>
    public static string Sentence(string words) => words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];

    /// <summary>"every service", "every tier-1 service", "every tier-1 and tier-2 service"…</summary>
    public static string Services(int? maxTier) => maxTier switch
    {
        null => "every service",
        1 => "every tier-1 service",
        2 => "every tier-1 and tier-2 service",
        { } tier => $"every tier-1 to tier-{tier} service",
    };

    /// <summary>"in the organisation", "of Payments Core", "of Payments Core and Platform", "of A, B and 3 more teams".</summary>
    public static string Scope(IReadOnlyList<string> teams)
    {
        ArgumentNullException.ThrowIfNull(teams);
        return teams.Count switch
        {
            0 => "in the organisation",
            1 => $"of {teams[0]}",
            2 => $"of {teams[0]} and {teams[1]}",
            3 => $"of {teams[0]}, {teams[1]} and {teams[2]}",
            _ => $"of {teams[0]}, {teams[1]} and {teams.Count - 2} more teams",
        };
    }

    /// <summary>A date as the portal writes dates: <c>2027-03-31</c>.</summary>
    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>How far the due date is from the viewer's today: "in 12 days", "tomorrow", "today", "3 days overdue".</summary>
    public static string DueIn(DateOnly dueOn, DateOnly today)
    {
        var days = dueOn.DayNumber - today.DayNumber;
        return days switch
        {
            > 1 => $"in {days} days",
            1 => "tomorrow",
            0 => "today",
            -1 => "1 day overdue",
            _ => $"{-days} days overdue",
        };
    }

    /// <summary>Today in the viewer's time zone (the due date is a calendar day where they are).</summary>
    public static DateOnly Today(TimeProvider clock, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
    }

    /// <summary>The status in words.</summary>
    public static string Status(InitiativeStatus status) => status switch
    {
        InitiativeStatus.Active => "Active",
        InitiativeStatus.Completed => "Completed",
        InitiativeStatus.Cancelled => "Cancelled",
        _ => status.ToString(),
    };

    public static Color StatusColor(InitiativeStatus status) => status switch
    {
        InitiativeStatus.Completed => Color.Success,
        InitiativeStatus.Cancelled => Color.Default,
        _ => Color.Info,
    };

    /// <summary>"7 of 12 services meet the target".</summary>
    public static string Progress(int met, int total) =>
        total == 0 ? "No service is in scope yet" : $"{met} of {total} {(total == 1 ? "service meets" : "services meet")} the target";

    /// <summary>Share met, 0–100, for a progress bar (0 with nothing in scope).</summary>
    public static double Percent(int met, int total) => total == 0 ? 0 : Math.Round(100.0 * met / total, 1);
}
