namespace Portal.Web.Components.Pages.Graph;

/// <summary>
/// What the graph page emphasises: nodes and the edges between them, with the finding's own words.
/// <see cref="Nodes"/> is empty when there was nothing to show (the summary then says why).
/// </summary>
public sealed record GraphHighlight(
    string Kind,
    string Title,
    string Summary,
    string? Remedy,
    IReadOnlyList<string> Nodes,
    IReadOnlyList<(string From, string To)> Edges);
