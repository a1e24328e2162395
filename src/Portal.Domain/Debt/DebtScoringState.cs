namespace Portal.Domain.Debt;

/// <summary>
/// What every stored score was last computed from: the graph version, the tables' version and the day. When any
/// of them moves on, <see cref="Commands.DebtScores.EnsureFreshAsync"/> recomputes every item. One row.
/// </summary>
public sealed class DebtScoringState
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>The dependency graph's version the scores used (tiers and dependencies live there).</summary>
    public long GraphVersion { get; set; } = -1;

    /// <summary>The <see cref="DebtScoringTable.Fingerprint"/> of the tables the scores used.</summary>
    public int TablesVersion { get; set; } = -1;

    /// <summary>The UTC day the scores were computed for (urgency and the report window depend on it).</summary>
    public DateOnly? ScoredOn { get; set; }

    public DateTime? ScoredAt { get; set; }

    /// <summary>How many items the last recomputation looked at.</summary>
    public int Items { get; set; }
}
