using Portal.Domain.Scorecards;

namespace Portal.Domain.Reviews.Snapshots;

/// <summary>
/// One service as a closed review saw it: who owned it, its levels, a compact status string for comparisons,
/// and every result with its evidence, every answer and every exemption (compressed <see cref="Detail"/>).
/// Names are copied, not referenced, so a renamed or deleted service does not change the record.
/// </summary>
public sealed class ReviewSnapshotService
{
    private ReviewSnapshotService()
    {
    }

    internal ReviewSnapshotService(
        Guid snapshotId, Guid serviceId, string service, string displayName, string? team, string? teamName, int tier,
        ScoreLevel overall, string levels, string statuses, int failing, int flagged, int exempt, byte[] detail)
    {
        SnapshotId = snapshotId;
        ServiceId = serviceId;
        Service = service;
        DisplayName = displayName;
        Team = team;
        TeamName = teamName;
        Tier = tier;
        Overall = overall;
        Levels = levels;
        Statuses = statuses;
        Failing = failing;
        Flagged = flagged;
        Exempt = exempt;
        Detail = detail;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid SnapshotId { get; private set; }

    /// <summary>The service's id at the time; not a foreign key (the service may be gone later).</summary>
    public Guid ServiceId { get; private set; }

    /// <summary>The service's reference (<c>payments</c>, <c>ops/payments</c>).</summary>
    public string Service { get; private set; } = "";

    public string DisplayName { get; private set; } = "";

    /// <summary>The owner team's reference; null when it had none.</summary>
    public string? Team { get; private set; }

    public string? TeamName { get; private set; }

    public int Tier { get; private set; }

    public ScoreLevel Overall { get; private set; }

    /// <summary>Levels per signal as digits in signal order, e.g. <c>1203011</c>.</summary>
    public string Levels { get; private set; } = "";

    /// <summary>One character per criterion of the snapshot (<see cref="SnapshotStatuses"/>), in its key order.</summary>
    public string Statuses { get; private set; } = "";

    public int Failing { get; private set; }

    public int Flagged { get; private set; }

    public int Exempt { get; private set; }

    /// <summary>A <see cref="SnapshotServiceDetail"/> as gzip-compressed JSON.</summary>
    public byte[] Detail { get; private set; } = [];
}
