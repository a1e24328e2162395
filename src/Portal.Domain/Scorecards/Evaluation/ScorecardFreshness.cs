namespace Portal.Domain.Scorecards.Evaluation;

/// <summary>
/// How up to date the stored scorecards are, for a page to say so: fresh, or evaluated at <see cref="EvaluatedAt"/>
/// and being evaluated again in the background (the page shows the stored results and reloads when the pass ends).
/// </summary>
/// <param name="IsFresh">The stored results were evaluated from the current graph and framework, today.</param>
/// <param name="EvaluatedAt">When the last full pass ended (UTC); null before the first one.</param>
/// <param name="Refreshing">A full pass is running in the background (or queued behind another pass).</param>
public sealed record ScorecardFreshness(bool IsFresh, DateTime? EvaluatedAt, bool Refreshing);
