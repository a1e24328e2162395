using Portal.Domain.Debt.Commands;
using Portal.Domain.Signals;

namespace Portal.Domain.Debt.Candidates;

/// <summary>
/// A suggested debt item drawn from a finding: nothing is logged until a person accepts it (the fields below fill the
/// form) or dismisses it with a reason.
/// </summary>
/// <param name="Key">Stable while the finding stays the same; stored on the accepted item or the dismissal.</param>
/// <param name="Origin">The kind of finding.</param>
/// <param name="Title">A suggested title.</param>
/// <param name="Summary">What was found, naming the path.</param>
/// <param name="Remedy">What to do about it.</param>
/// <param name="Services">Affected services (references), at most <see cref="DebtItem.MaxServices"/>; may be empty (an overloaded team).</param>
/// <param name="Teams">Teams (references) that own the affected services or are the finding's subject; they may dismiss it.</param>
/// <param name="Signal">The seed signal it belongs to.</param>
/// <param name="Kind">The suggested kind.</param>
/// <param name="Link">Where the finding is shown in Portal (a path).</param>
/// <param name="Weight">For ordering: how much is exposed (blast radius, chain depth, …), larger first.</param>
public sealed record DebtCandidate(
    string Key,
    DebtCandidateOrigin Origin,
    string Title,
    string Summary,
    string Remedy,
    IReadOnlyList<string> Services,
    IReadOnlyList<string> Teams,
    ScalingSignal Signal,
    DebtKind Kind,
    string Link,
    double Weight)
{
    /// <summary>
    /// Display names of the <see cref="Services"/> and <see cref="Teams"/> by reference, so pages name them as people
    /// know them ("Payment orchestrator") with the reference beside; a reference missing here is shown as it is.
    /// </summary>
    public IReadOnlyDictionary<string, string> DisplayNames { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The display name of a service or team of this candidate, or <paramref name="reference"/> itself when it has none.</summary>
    public string NameOf(string reference) => DisplayNames.TryGetValue(reference, out var name) && !string.IsNullOrWhiteSpace(name) ? name : reference;

    /// <summary>Markdown for the item's description: what was found and the suggested fix.</summary>
    public string Description => $"{Summary}\n\n**Suggested fix:** {Remedy}\n\n_Suggested by Portal from a {DebtCandidates.Label(Origin).ToLowerInvariant()} finding._";

    /// <summary>
    /// The item a person starts from when accepting: services, signal, kind, description and a link back to the finding
    /// filled in, middling likelihood and impact, effort left for the person to estimate, and <see cref="DebtItemEdit.FindingKey"/> so the candidate goes away
    /// once the item is saved. People change anything before saving; nothing is saved by this.
    /// </summary>
    public DebtItemEdit Draft()
    {
        var description = Description.Length <= DebtItem.MaxDescriptionLength ? Description : Description[..(DebtItem.MaxDescriptionLength - 1)] + "…";
        var linkTitle = $"{(Origin == DebtCandidateOrigin.Ownership ? "Ownership finding" : "Graph finding")}: {DebtCandidates.Label(Origin)}";
        var link = new DebtLink(Origin == DebtCandidateOrigin.Ownership ? DebtLinkKind.Other : DebtLinkKind.GraphFinding, Link, linkTitle);
        return new DebtItemEdit(
            Title, description, Services, null, Signal, Kind, DebtQuadrant.InadvertentPrudent,
            3, 3, 0, null, null, DebtStatus.Proposed, null, null, null, null, [link])
        {
            FindingKey = Key,
        };
    }
}
