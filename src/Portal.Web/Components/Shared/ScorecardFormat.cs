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

    /// <summary>"would pass", "would fail", "would be unknown", "would be exempt".</summary>
    public static string Would(CriterionStatus status) => status switch
    {
        CriterionStatus.Pass => "would pass",
        CriterionStatus.Fail => "would fail",
        CriterionStatus.Exempt => "would be exempt",
        _ => "would be unknown",
    };

    public static string Days(double days) => days.ToString("0.#", CultureInfo.InvariantCulture) + (days == 1 ? " day" : " days");
}
