namespace Portal.Domain.Scorecards;

/// <summary>What an evaluation pass did: services evaluated, how many changed (and were written), and how long it took.</summary>
public sealed record EvaluationRun(int Services, int Changed, int FrameworkVersion, long GraphVersion, TimeSpan Elapsed);
