namespace Portal.Domain.Reviews;

/// <summary>A self-assessed criterion a service still has to answer, or re-attest.</summary>
/// <param name="Service">The service's reference.</param>
/// <param name="ServiceName">Its display name.</param>
/// <param name="Criterion">The criterion's key.</param>
/// <param name="CriterionTitle">Its wording.</param>
/// <param name="ExpiredAt">When the answer expired; null when it was never answered.</param>
public sealed record MissingAnswer(string Service, string ServiceName, string Criterion, string CriterionTitle, DateTime? ExpiredAt)
{
    public bool Expired => ExpiredAt is not null;
}
