using Portal.Domain.Common;

namespace Portal.Domain.Scorecards.Records;

/// <summary>The latest result another system pushed for one external criterion of one service.</summary>
public sealed class PushedResult
{
    public const int MaxEvidenceLength = 2000;

    private PushedResult()
    {
    }

    public PushedResult(Guid serviceId, string criterionKey)
    {
        ServiceId = serviceId;
        CriterionKey = criterionKey;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid ServiceId { get; private set; }

    public string CriterionKey { get; private set; } = "";

    public CriterionStatus Status { get; private set; }

    public string Evidence { get; private set; } = "";

    public DateTime ReportedAt { get; private set; }

    public string Source { get; private set; } = "";

    public void Report(CriterionStatus status, string? evidence, string source, DateTime at)
    {
        if (status == CriterionStatus.Exempt)
        {
            throw new DomainValidationException("status", "must be pass, fail or unknown; exemptions are requested in Portal");
        }

        if (string.IsNullOrWhiteSpace(evidence))
        {
            throw new DomainValidationException("evidence", "is required: say what was checked and found");
        }

        Status = status;
        Evidence = TextCut.Prefix(evidence.Trim(), MaxEvidenceLength);
        Source = source;
        ReportedAt = at;
    }

    public ExternalResult ToResult() => new(CriterionKey, Status, Evidence, ReportedAt, Source);
}
