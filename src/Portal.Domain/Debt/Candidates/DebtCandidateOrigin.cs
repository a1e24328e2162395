namespace Portal.Domain.Debt.Candidates;

/// <summary>Which finding a suggested debt item comes from.</summary>
public enum DebtCandidateOrigin
{
    Cycle,
    SinglePointOfFailure,
    SyncChain,
    RetryAmplification,
    TimeoutInversion,
    SharedResource,
    Ownership,
}
