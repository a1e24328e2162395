namespace Portal.Domain.Scorecards;

/// <summary>
/// Cumulative levels: a service reaches a level on a signal when every criterion of that signal at that
/// level and below passes or is exempt. <see cref="None"/> means not even Bronze.
/// </summary>
public enum ScoreLevel
{
    None = 0,
    Bronze = 1,
    Silver = 2,
    Gold = 3,
}
