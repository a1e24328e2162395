namespace Portal.Domain.Reviews.Commands;

/// <summary>What a close did: the snapshot written, how many services it froze, how long it took and where the time went.</summary>
/// <param name="SnapshotId">The snapshot written.</param>
/// <param name="Quarter">The review's quarter.</param>
/// <param name="Revision">The revision closed.</param>
/// <param name="Services">Services frozen.</param>
/// <param name="Elapsed">Wall time of the whole close.</param>
/// <param name="Phases">Each phase of the close in order, with its wall time (for <c>reviews close</c> and the logs).</param>
public sealed record ReviewCloseResult(Guid SnapshotId, string Quarter, int Revision, int Services, TimeSpan Elapsed, IReadOnlyList<KeyValuePair<string, TimeSpan>> Phases);
