using Portal.Domain.Scorecards.Evaluation;

namespace Portal.Domain.Scorecards.Records;

/// <summary>
/// What the stored scorecards were last evaluated from: the graph version, the framework version and the day.
/// When any moves on, <see cref="ScorecardEvaluation.EnsureFreshAsync(CancellationToken)"/> evaluates every service again. One row.
/// </summary>
public sealed class ScorecardState
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public long GraphVersion { get; set; } = -1;

    public int FrameworkVersion { get; set; } = -1;

    public DateOnly? EvaluatedOn { get; set; }

    public DateTime? EvaluatedAt { get; set; }

    /// <summary>Services evaluated by the last full pass, and how many of them changed.</summary>
    public int Services { get; set; }

    public int Changed { get; set; }
}
