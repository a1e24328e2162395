using Hangfire;
using Microsoft.Extensions.Logging;
using Portal.Domain.Scorecards.Evaluation;

namespace Portal.Ingest.Jobs;

/// <summary>
/// Hourly: evaluates every service's scorecard again, so answers that expired, GitHub evidence that went stale and
/// rotations that changed show without waiting for a reader. Writes only the scorecards that changed. Idempotent.
/// </summary>
public sealed class EvaluateScorecardsJob(ScorecardEvaluation evaluation, ILogger<EvaluateScorecardsJob> logger)
{
    public const string RecurringId = "scorecards-evaluate";

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(CancellationToken ct)
    {
        var run = await evaluation.EvaluateAllAsync(ct);
        logger.LogInformation(
            "Scorecards evaluated under framework version {FrameworkVersion} on graph version {GraphVersion}: {Changed} of {Services} services changed in {ElapsedMs} ms",
            run.FrameworkVersion,
            run.GraphVersion,
            run.Changed,
            run.Services,
            (long)run.Elapsed.TotalMilliseconds);
    }
}
