namespace Portal.Domain.Debt;

/// <summary>
/// One row whose <see cref="Version"/> goes up in the same transaction as every saved change to debt items and their
/// affected services (not to their computed scores, which no filter reads). The register's counts are cached by it
/// (with the graph's version, which moves when a team or service is deleted and takes owners or links with it), so
/// paging through one filter counts once, and several portal instances on one database notice each other's changes.
/// </summary>
public sealed class DebtRegisterState
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public long Version { get; set; }
}
