namespace Portal.Domain.Reviews.Snapshots;

/// <summary>
/// The frozen record of one closed revision of a review: the framework version, every roll-up, the debt totals,
/// the graph findings, the readiness, and the findings, decisions, action items and initiatives as they stood,
/// in <see cref="Content"/> (compressed JSON); one <see cref="ReviewSnapshotService"/> row per service holds
/// every result, answer, flag and exemption. Nothing refers to live rows for its data (services, teams and
/// criteria are copied by name), so later edits to answers, the framework or the catalog cannot change it.
/// There is no method that changes a completed snapshot.
/// </summary>
public sealed class ReviewSnapshot
{
    private ReviewSnapshot()
    {
    }

    internal ReviewSnapshot(Guid id, Guid reviewId, int revision, string quarter, DateTime takenAt, string closedBy, int frameworkVersion, IReadOnlyList<string> criterionKeys, int services, byte[] content)
    {
        Id = id;
        ReviewId = reviewId;
        Revision = revision;
        Quarter = quarter;
        TakenAt = takenAt;
        ClosedBy = closedBy;
        FrameworkVersion = frameworkVersion;
        CriterionKeys = string.Join(',', criterionKeys);
        Services = services;
        Content = content;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid ReviewId { get; private set; }

    public int Revision { get; private set; }

    /// <summary>The review's quarter, <c>2026-Q4</c>.</summary>
    public string Quarter { get; private set; } = "";

    /// <summary>False while the close job is still writing service rows; readers never see an incomplete snapshot.</summary>
    public bool Complete { get; private set; }

    /// <summary>The moment the data was read (UTC).</summary>
    public DateTime TakenAt { get; private set; }

    /// <summary>Display name of who closed it.</summary>
    public string ClosedBy { get; private set; } = "";

    public int FrameworkVersion { get; private set; }

    /// <summary>The framework's criterion keys, comma-separated, in the order of <see cref="ReviewSnapshotService.Statuses"/>.</summary>
    public string CriterionKeys { get; private set; } = "";

    /// <summary>Services in scope when it was taken.</summary>
    public int Services { get; private set; }

    /// <summary>A <see cref="SnapshotContent"/> as gzip-compressed JSON (see <see cref="SnapshotCodec"/>).</summary>
    public byte[] Content { get; private set; } = [];

    public IReadOnlyList<string> Keys => CriterionKeys.Length == 0 ? [] : CriterionKeys.Split(',');

    /// <summary>Called once by the close job after the last service row is written.</summary>
    internal void MarkComplete() => Complete = true;
}
