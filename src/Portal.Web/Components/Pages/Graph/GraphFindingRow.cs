namespace Portal.Web.Components.Pages.Graph;

/// <summary>One finding as a table row.</summary>
/// <param name="Kind">What was found.</param>
/// <param name="Rank">Position within its kind, 1 the worst, as the analysis ordered them.</param>
/// <param name="Subjects">What it is about; paths list their nodes in order.</param>
/// <param name="Summary">The finding's own words.</param>
/// <param name="Remedy">The suggested fix.</param>
/// <param name="GraphLink">The graph page, focused and highlighted on this finding.</param>
public sealed record GraphFindingRow(
    GraphFindingKind Kind,
    int Rank,
    IReadOnlyList<FindingSubject> Subjects,
    string Summary,
    string Remedy,
    string GraphLink)
{
    public string SubjectText => string.Join(" → ", Subjects.Select(s => s.Label));

    public bool Matches(string text) =>
        SubjectText.Contains(text, StringComparison.OrdinalIgnoreCase)
        || Summary.Contains(text, StringComparison.OrdinalIgnoreCase)
        || Remedy.Contains(text, StringComparison.OrdinalIgnoreCase);
}
