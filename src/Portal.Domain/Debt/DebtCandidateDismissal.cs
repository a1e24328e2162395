using Portal.Domain.Common;

namespace Portal.Domain.Debt;

/// <summary>
/// A person's decision that a suggested item (a graph or ownership finding) is not debt worth logging, with why.
/// The finding stays out of the candidates until someone restores it, or until it changes (a new key).
/// </summary>
public sealed class DebtCandidateDismissal : Entity
{
    public const int MaxKeyLength = 300;
    public const int MaxReasonLength = 1_000;

    private DebtCandidateDismissal()
    {
    }

    public DebtCandidateDismissal(string findingKey, string title, string? reason, string dismissedBy, string dismissedByDisplayName, DateTime now)
    {
        var key = findingKey?.Trim() ?? "";
        if (key.Length is 0 or > MaxKeyLength)
        {
            throw new DomainValidationException("key", "is not a finding's key");
        }

        var why = reason?.Trim() ?? "";
        if (why.Length == 0)
        {
            throw new DomainValidationException("reason", "say why this is not debt worth logging, so the next person does not ask again");
        }

        if (why.Length > MaxReasonLength)
        {
            throw new DomainValidationException("reason", $"is longer than {MaxReasonLength:N0} characters");
        }

        FindingKey = key;
        Title = title.Length > DebtItem.MaxTitleLength ? title[..DebtItem.MaxTitleLength] : title;
        Reason = why;
        DismissedBy = dismissedBy;
        DismissedByDisplayName = dismissedByDisplayName;
        CreatedAt = now;
        UpdatedAt = now;
    }

    /// <summary>The finding's stable key, as <see cref="Candidates.DebtCandidate.Key"/>.</summary>
    public string FindingKey { get; private set; } = "";

    /// <summary>The candidate's title when it was dismissed, so the list of dismissals reads without the finding.</summary>
    public string Title { get; private set; } = "";

    public string Reason { get; private set; } = "";

    public string DismissedBy { get; private set; } = "";

    public string DismissedByDisplayName { get; private set; } = "";
}
