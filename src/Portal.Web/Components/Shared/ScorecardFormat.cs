using System.Globalization;
using Portal.Domain.Scorecards;

namespace Portal.Web.Components.Shared;

/// <summary>How scorecard values read on pages.</summary>
public static class ScorecardFormat
{
    public static string Level(ScoreLevel level) => level == ScoreLevel.None ? "None" : level.ToString();

    public static string Mode(CriterionMode mode) => mode switch
    {
        CriterionMode.Automatic => "automatic",
        CriterionMode.SelfAssessed => "self-assessed",
        _ => "pushed by another system",
    };

    public static string Days(double days) => days.ToString("0.#", CultureInfo.InvariantCulture) + (days == 1 ? " day" : " days");

    /// <summary>A UTC instant, labelled as UTC; "—" when there is none.</summary>
    public static string Utc(DateTime? at) => at is { } t ? t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "—";
}
