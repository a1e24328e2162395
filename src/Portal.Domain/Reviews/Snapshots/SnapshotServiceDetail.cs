namespace Portal.Domain.Reviews.Snapshots;

/// <summary>Everything a closed review kept about one service besides its levels.</summary>
/// <param name="Results">Every result with its evidence, in framework order.</param>
/// <param name="Answers">Every self-assessed answer then on record, expired ones too.</param>
/// <param name="Exemptions">Exemptions approved or waiting then.</param>
public sealed record SnapshotServiceDetail(IReadOnlyList<SnapshotResult> Results, IReadOnlyList<SnapshotAnswer> Answers, IReadOnlyList<SnapshotExemption> Exemptions);
