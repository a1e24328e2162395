namespace Portal.Domain.Scorecards.Evaluation;

/// <summary>What an evaluation pass did: services evaluated, how many changed (and were written), and how long it took.</summary>
/// <param name="Services">Services evaluated.</param>
/// <param name="Changed">Services whose scorecard changed and was written.</param>
/// <param name="FrameworkVersion">The framework version evaluated under.</param>
/// <param name="GraphVersion">The graph version evaluated on.</param>
/// <param name="Elapsed">Wall time of the pass.</param>
/// <param name="Timings">Where the time went, phase by phase; null when the pass did not get that far.</param>
public sealed record EvaluationRun(int Services, int Changed, int FrameworkVersion, long GraphVersion, TimeSpan Elapsed, EvaluationTimings? Timings = null);
