namespace Portal.Domain.Debt;

/// <summary>What a link on a debt item points at.</summary>
public enum DebtLinkKind
{
    GitHubIssue,
    Incident,
    GraphFinding,
    Document,
    Other,
}
