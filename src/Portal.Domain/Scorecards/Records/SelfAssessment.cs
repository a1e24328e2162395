using Portal.Domain.Common;

namespace Portal.Domain.Scorecards.Records;

/// <summary>The owner team's current answer to one self-assessed criterion of one service. Earlier answers live in the audit log.</summary>
public sealed class SelfAssessment : IVersioned
{
    public const int MaxNoteLength = 2000;

    private SelfAssessment()
    {
    }

    public SelfAssessment(Guid serviceId, string criterionKey)
    {
        ServiceId = serviceId;
        CriterionKey = criterionKey;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid ServiceId { get; private set; }

    public string CriterionKey { get; private set; } = "";

    public int Maturity { get; private set; }

    public string Note { get; private set; } = "";

    public string? EvidenceUrl { get; private set; }

    public string AnsweredBy { get; private set; } = "";

    public string AnsweredByName { get; private set; } = "";

    public DateTime AnsweredAt { get; private set; }

    public DateTime ExpiresAt { get; private set; }

    public int Version { get; private set; }

    public void IncrementVersion() => Version++;

    /// <summary>Records an answer (or re-attests the same one); the note is required, the link must be http(s).</summary>
    public void Answer(int maturity, string? note, string? evidenceUrl, string by, string byName, DateTime at, int validityDays)
    {
        if (maturity is < AssessmentAnswer.MinMaturity or > AssessmentAnswer.MaxMaturity)
        {
            throw new DomainValidationException("maturity", $"must be between {AssessmentAnswer.MinMaturity} and {AssessmentAnswer.MaxMaturity}, not {maturity}");
        }

        if (string.IsNullOrWhiteSpace(note))
        {
            throw new DomainValidationException("note", "is required: say why this answer is right");
        }

        if (note.Trim().Length > MaxNoteLength)
        {
            throw new DomainValidationException("note", $"is longer than {MaxNoteLength} characters");
        }

        string? link = null;
        if (!string.IsNullOrWhiteSpace(evidenceUrl))
        {
            if (!Uri.TryCreate(evidenceUrl.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                throw new DomainValidationException("evidenceUrl", $"'{evidenceUrl}' is not an http(s) URL");
            }

            link = uri.ToString();
        }

        Maturity = maturity;
        Note = note.Trim();
        EvidenceUrl = link;
        AnsweredBy = by;
        AnsweredByName = byName;
        AnsweredAt = at;
        ExpiresAt = at.AddDays(validityDays);
    }

    public AssessmentAnswer ToAnswer() => new(CriterionKey, Maturity, Note, EvidenceUrl, AnsweredByName, AnsweredAt, ExpiresAt);
}
