using Portal.Domain.Common;

namespace Portal.Domain.Sync;

/// <summary>
/// One run of a sync from an outside system (GitHub): when, how it went, what it changed, what it
/// cost in requests, and which repositories failed. A run row is written as the run goes, so a
/// running sync shows progress and an interrupted one can be resumed.
/// </summary>
public sealed class SyncRun : IStampedOnSave
{
    private readonly List<SyncRunError> _errors = [];
    private bool _beat;
    private bool _finished;

    private SyncRun()
    {
    }

    public SyncRun(string source, string scope, SyncTrigger trigger, string host)
    {
        Source = source;
        Scope = scope;
        Trigger = trigger;
        Host = host;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    /// <summary>e.g. <c>github</c>.</summary>
    public string Source { get; private set; } = "";

    /// <summary>What was synced: organisations, or one repository for a targeted run.</summary>
    public string Scope { get; private set; } = "";

    public SyncTrigger Trigger { get; private set; }

    /// <summary>The portal instance that ran it (machine name and process id).</summary>
    public string Host { get; private set; } = "";

    public DateTime StartedAt { get; private set; }

    public DateTime? FinishedAt { get; private set; }

    /// <summary>Last sign of life of the host running it; a running run without one for long was interrupted.</summary>
    public DateTime HeartbeatAt { get; private set; }

    public SyncRunStatus Status { get; private set; } = SyncRunStatus.Running;

    /// <summary>What the run is doing now, in words (e.g. "Reading repositories 120/1000").</summary>
    public string Phase { get; private set; } = "Starting";

    public int RepositoriesTotal { get; private set; }

    public int RepositoriesDone { get; private set; }

    /// <summary>Requests that count against GitHub's rate limit (every answer but 304).</summary>
    public int Requests { get; private set; }

    /// <summary>Conditional requests GitHub answered 304 Not Modified (free).</summary>
    public int NotModified { get; private set; }

    public int Retries { get; private set; }

    public int? RateLimitRemaining { get; private set; }

    public DateTime? RateLimitResetAt { get; private set; }

    /// <summary>How often the run was resumed after an interruption.</summary>
    public int Resumptions { get; private set; }

    /// <summary>Per kind (service, team, person, membership, repository): created, updated, unchanged.</summary>
    public Dictionary<string, SyncCounts> Counts { get; private set; } = [];

    /// <summary>Why the run failed as a whole, in words.</summary>
    public string? Error { get; private set; }

    public IReadOnlyCollection<SyncRunError> Errors => _errors;

    public bool IsFinished => Status is not SyncRunStatus.Running and not SyncRunStatus.Interrupted;

    /// <summary>True when the run changed nothing: every count is "unchanged".</summary>
    public bool ChangedNothing => Counts.Values.All(c => c.Created == 0 && c.Updated == 0 && c.Orphaned == 0);

    public void Progress(string phase, int done, int total)
    {
        Phase = phase;
        RepositoriesDone = done;
        RepositoriesTotal = total;
        _beat = true;
    }

    public void Beat() => _beat = true;

    public void RecordRequests(int requests, int notModified, int retries, int? rateLimitRemaining, DateTime? rateLimitResetAt)
    {
        Requests = requests;
        NotModified = notModified;
        Retries = retries;
        RateLimitRemaining = rateLimitRemaining ?? RateLimitRemaining;
        RateLimitResetAt = rateLimitResetAt ?? RateLimitResetAt;
        _beat = true;
    }

    public void Count(string kind, SyncCounts counts)
    {
        Counts = new Dictionary<string, SyncCounts>(Counts, StringComparer.Ordinal)
        {
            [kind] = Counts.TryGetValue(kind, out var existing) ? existing.Add(counts) : counts,
        };
    }

    /// <summary>Records that one repository (or file in it) could not be synced; other repositories go on.</summary>
    public void AddError(string repository, string? path, string message)
    {
        _errors.Add(new SyncRunError(Id, repository, path, message));
    }

    public void Resume(string host)
    {
        Status = SyncRunStatus.Running;
        Host = host;
        Resumptions++;
        Phase = "Resuming";
        _beat = true;
    }

    public void Interrupt(string reason)
    {
        Status = SyncRunStatus.Interrupted;
        Error = reason;
        _beat = true;
    }

    public void Finish()
    {
        Status = _errors.Count == 0 ? SyncRunStatus.Succeeded : SyncRunStatus.SucceededWithErrors;
        Phase = "Done";
        Error = null;
        _finished = true;
    }

    public void Fail(string error)
    {
        Status = SyncRunStatus.Failed;
        Phase = "Failed";
        Error = TextCut.Prefix(error, 2000);
        _finished = true;
    }

    /// <summary>
    /// Run times are the times of the saves that carry them (the DbContext's clock): started when first saved,
    /// a heartbeat with each save after <see cref="Beat"/>, progress or a status change, finished with the save
    /// after <see cref="Finish"/> or <see cref="Fail"/>. A sync saves each of these at once.
    /// </summary>
    bool IStampedOnSave.Stamp(DateTime utcNow, bool added)
    {
        if (!added && !_beat && !_finished)
        {
            return false;
        }

        if (added)
        {
            StartedAt = utcNow;
            HeartbeatAt = utcNow;
        }

        if (_beat)
        {
            HeartbeatAt = utcNow;
        }

        if (_finished)
        {
            FinishedAt = utcNow;
        }

        _beat = _finished = false;
        return true;
    }
}
