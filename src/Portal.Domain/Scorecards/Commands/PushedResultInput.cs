namespace Portal.Domain.Scorecards.Commands;

/// <summary>One result pushed by another system (CI, a scanner) for an external criterion of one service.</summary>
/// <param name="Service">The service's reference (<c>payments</c> or <c>ops/payments</c>).</param>
/// <param name="Criterion">The external criterion's key.</param>
/// <param name="Status">Pass, fail or unknown.</param>
/// <param name="Evidence">What was checked and found; required.</param>
public sealed record PushedResultInput(string Service, string Criterion, CriterionStatus Status, string? Evidence);
