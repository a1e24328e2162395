namespace Portal.Domain.Scorecards.Evaluation;

/// <summary>Time one phase of an evaluation pass (or one automatic check, summed over every service) took.</summary>
/// <param name="Name">The phase, e.g. <c>load facts</c>, or <c>check sync-timeouts</c>.</param>
/// <param name="Elapsed">Wall time spent in it.</param>
/// <param name="Count">How many times it ran (services for a check; 1 for a phase).</param>
public sealed record EvaluationPhase(string Name, TimeSpan Elapsed, int Count = 1);
