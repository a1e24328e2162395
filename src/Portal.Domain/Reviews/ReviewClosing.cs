using Portal.Domain.Common;

namespace Portal.Domain.Reviews;

/// <summary>
/// One attempt to close a review's revision, run by a background job: its phase and progress (services
/// frozen of how many), so the page can show it live on any instance, and the error when it failed.
/// </summary>
public sealed class ReviewClosing
{
    public const int MaxErrorLength = 2_000;

    /// <summary>A running close that has not reported for this long is considered lost (the process stopped).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(5);

    /// <summary>The phase of an attempt a worker has just claimed.</summary>
    public const string StartingPhase = "Starting";

    private ReviewClosing()
    {
    }

    public ReviewClosing(Guid reviewId, int revision, string requestedBy, string requestedByName, DateTime now)
    {
        ReviewId = reviewId;
        Revision = revision;
        RequestedBy = requestedBy;
        RequestedByName = requestedByName;
        RequestedAt = now;
        HeartbeatAt = now;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid ReviewId { get; private set; }

    public int Revision { get; private set; }

    public ReviewClosingStatus Status { get; private set; } = ReviewClosingStatus.Queued;

    /// <summary>What the job is doing, in words.</summary>
    public string Phase { get; private set; } = "Waiting for a worker";

    /// <summary>Services frozen so far.</summary>
    public int Done { get; private set; }

    /// <summary>Services to freeze; 0 until known.</summary>
    public int Total { get; private set; }

    public string RequestedBy { get; private set; } = "";

    public string RequestedByName { get; private set; } = "";

    public DateTime RequestedAt { get; private set; }

    public DateTime? StartedAt { get; private set; }

    public DateTime? FinishedAt { get; private set; }

    /// <summary>Last sign of life from the job (UTC).</summary>
    public DateTime HeartbeatAt { get; private set; }

    public string? Error { get; private set; }

    /// <summary>
    /// The token of the worker that started this attempt (a new one each start); null until one claims it. A concurrency
    /// token: two workers that start the same attempt cannot both save their claim, and only the holder reports,
    /// completes or fails the attempt.
    /// </summary>
    public Guid? Claim { get; private set; }

    /// <summary>A worker may start this attempt: queued, failed (a retry), or running but silent (its worker is gone).</summary>
    public bool IsClaimableAt(DateTime now) =>
        Status is ReviewClosingStatus.Queued or ReviewClosingStatus.Failed || (Status == ReviewClosingStatus.Running && IsStaleAt(now));

    public bool IsFinished => Status is ReviewClosingStatus.Succeeded or ReviewClosingStatus.Failed or ReviewClosingStatus.Cancelled;

    /// <summary>Finished without closing the review (failed or cancelled): a new attempt may be asked for.</summary>
    public bool IsGivenUp => Status is ReviewClosingStatus.Failed or ReviewClosingStatus.Cancelled;

    /// <summary>Queued or running, but silent for longer than <see cref="StaleAfter"/>: the worker is gone.</summary>
    public bool IsStaleAt(DateTime now) => !IsFinished && now - HeartbeatAt > StaleAfter;

    /// <summary>
    /// Starts the attempt for the worker holding <paramref name="claim"/>. (The close claims with one conditional update
    /// that makes these same changes, <c>ReviewCloseClaims</c>; this is the in-memory form.)
    /// </summary>
    public void Start(Guid claim, DateTime now)
    {
        Claim = claim;
        Status = ReviewClosingStatus.Running;
        StartedAt ??= now;
        FinishedAt = null;
        Error = null;
        Report(StartingPhase, 0, 0, now);
    }

    /// <summary>
    /// Gives the attempt back, unfinished, for the next worker (the job runner stopping for a deploy): it starts again
    /// from scratch, at once, instead of after the stale wait.
    /// </summary>
    public void Release(DateTime now)
    {
        Claim = null;
        Status = ReviewClosingStatus.Queued;
        Report("Waiting for a worker (the last one stopped before it finished)", 0, 0, now);
    }

    public void Report(string phase, int done, int total, DateTime now)
    {
        Phase = phase;
        Done = done;
        Total = total;
        HeartbeatAt = now;
    }

    public void Succeed(DateTime now)
    {
        Status = ReviewClosingStatus.Succeeded;
        Phase = "Closed";
        Done = Total;
        FinishedAt = now;
        HeartbeatAt = now;
    }

    /// <summary>Gives up on an attempt that never started, saying why.</summary>
    public void Cancel(string reason, DateTime now)
    {
        Status = ReviewClosingStatus.Cancelled;
        Phase = "Cancelled";
        Error = TextCut.Prefix(reason, MaxErrorLength);
        FinishedAt = now;
        HeartbeatAt = now;
    }

    public void Fail(string error, DateTime now)
    {
        Status = ReviewClosingStatus.Failed;
        Error = TextCut.Prefix(error, MaxErrorLength);
        FinishedAt = now;
        HeartbeatAt = now;
    }
}
