using Portal.Domain.Common;

namespace Portal.Domain.Sync;

/// <summary>One repository (and file) a run could not sync, with the reason.</summary>
public sealed class SyncRunError : IStampedOnSave
{
    private SyncRunError()
    {
    }

    internal SyncRunError(Guid runId, string repository, string? path, string message)
    {
        RunId = runId;
        Repository = TextCut.Prefix(repository, 300);
        Path = path;
        Message = TextCut.Prefix(message, 2000);
    }

    public long Id { get; private set; }

    public Guid RunId { get; private set; }

    public string Repository { get; private set; } = "";

    public string? Path { get; private set; }

    public string Message { get; private set; } = "";

    /// <summary>UTC, when the error was saved (the DbContext's clock).</summary>
    public DateTime At { get; private set; }

    bool IStampedOnSave.Stamp(DateTime utcNow, bool added)
    {
        if (added)
        {
            At = utcNow;
        }

        return added;
    }
}
