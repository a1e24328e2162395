using Portal.Domain.Common;

namespace Portal.Domain.Debt;

/// <summary>
/// The one row holding the scoring tables admins edit. Without a row, <see cref="DebtScoringTable.Default"/> applies.
/// <see cref="Version"/> guards concurrent edits and tells recomputation that the tables changed.
/// </summary>
public sealed class DebtScoringSettings : IVersioned
{
    public const int SingletonId = 1;

    private DebtScoringSettings()
    {
    }

    public DebtScoringSettings(DebtScoringTable table, string updatedBy, DateTime now)
    {
        Change(table, updatedBy, now);
    }

    public int Id { get; private set; } = SingletonId;

    public DebtScoringTable ScoringTable { get; private set; } = DebtScoringTable.Default;

    public DateTime UpdatedAt { get; private set; }

    public string UpdatedBy { get; private set; } = "";

    public int Version { get; private set; }

    public void IncrementVersion() => Version++;

    /// <summary>Replaces the tables after checking them (<see cref="DebtScoringTable.Validated"/>).</summary>
    public void Change(DebtScoringTable table, string updatedBy, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(table);
        ScoringTable = table.Validated();
        UpdatedBy = updatedBy;
        UpdatedAt = now;
    }
}
