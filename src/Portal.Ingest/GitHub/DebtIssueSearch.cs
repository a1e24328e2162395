using Portal.Domain.Debt;

namespace Portal.Ingest.GitHub;

/// <summary>What the tech-debt search of one organisation found.</summary>
/// <param name="Issues">The labelled issues that could be read (pull requests left out).</param>
/// <param name="Problems">Each result that could not be read: which one (<c>acme/billing#12</c>, or its place in the answer) and why.</param>
/// <param name="Seen">Web addresses of every result read, readable or not, so no item is released for a result that was merely malformed.</param>
/// <param name="SeenIds">GitHub's ids of every result read that had one: an item whose issue moved is still found by it.</param>
/// <param name="Total">How many results GitHub says the search has.</param>
/// <param name="Complete">False when the page cap stopped the reading, a slice could not move past its first second, or GitHub said its results are incomplete.</param>
public sealed record DebtIssueSearch(
    IReadOnlyList<MirroredIssue> Issues,
    IReadOnlyList<(string What, string Problem)> Problems,
    IReadOnlySet<string> Seen,
    IReadOnlySet<long> SeenIds,
    int Total,
    bool Complete)
{
    /// <summary>How many queries the search took: one, or more when GitHub had more results than it answers for one query.</summary>
    public int Slices { get; init; } = 1;
}
