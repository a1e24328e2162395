namespace Portal.Domain.Scorecards.Framework;

/// <summary>How modes and levels are spelled in YAML and the API.</summary>
public static class FrameworkNames
{
    public static string Mode(CriterionMode mode) => mode switch
    {
        CriterionMode.Automatic => "automatic",
        CriterionMode.SelfAssessed => "self-assessed",
        _ => "external",
    };

    public static CriterionMode? ParseMode(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "automatic" => CriterionMode.Automatic,
        "self-assessed" or "selfassessed" => CriterionMode.SelfAssessed,
        "external" => CriterionMode.External,
        _ => null,
    };

    public static ScoreLevel? ParseLevel(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "bronze" => ScoreLevel.Bronze,
        "silver" => ScoreLevel.Silver,
        "gold" => ScoreLevel.Gold,
        _ => null,
    };

    public static CriterionStatus? ParseStatus(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "pass" => CriterionStatus.Pass,
        "fail" => CriterionStatus.Fail,
        "unknown" => CriterionStatus.Unknown,
        "exempt" => CriterionStatus.Exempt,
        _ => null,
    };
}
