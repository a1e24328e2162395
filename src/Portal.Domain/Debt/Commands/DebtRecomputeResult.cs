namespace Portal.Domain.Debt.Commands;

/// <summary>What a recomputation of every score did.</summary>
/// <param name="Items">Items looked at.</param>
/// <param name="Changed">Items whose stored numbers changed.</param>
/// <param name="GraphVersion">The dependency graph version used.</param>
/// <param name="Elapsed">How long it took.</param>
public sealed record DebtRecomputeResult(int Items, int Changed, long GraphVersion, TimeSpan Elapsed);
