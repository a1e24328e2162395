using Portal.Domain.Debt;
using Portal.Domain.Debt.Candidates;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Signals;

namespace Portal.Web.Api.Debt;

/// <summary>A suggested debt item as the API shows it: the finding, who it touches, and the item a person would start from.</summary>
/// <param name="Key">Send it as <c>findingKey</c> when creating the item, or as <c>key</c> when dismissing.</param>
/// <param name="Origin">The kind of finding (<c>cycle</c>, <c>single-point-of-failure</c>, …).</param>
/// <param name="OriginLabel">The kind in words.</param>
/// <param name="Title">A suggested title.</param>
/// <param name="Summary">What was found.</param>
/// <param name="Remedy">What to do about it.</param>
/// <param name="Services">Affected services (references).</param>
/// <param name="Teams">Teams (references) that may accept or dismiss it.</param>
/// <param name="Signal">The seed signal.</param>
/// <param name="Kind">The suggested kind of debt.</param>
/// <param name="Link">Where the finding is shown in Portal.</param>
/// <param name="Weight">How much is exposed; the list is ordered by kind, then by this.</param>
/// <param name="DisplayNames">Display names of the services (and a team that is the finding's subject) by reference.</param>
/// <param name="Draft">The item's fields filled in from the finding; effort is left for a person to estimate.</param>
public sealed record DebtCandidateResponse(
    string Key,
    DebtCandidateOrigin Origin,
    string OriginLabel,
    string Title,
    string Summary,
    string Remedy,
    IReadOnlyList<string> Services,
    IReadOnlyList<string> Teams,
    ScalingSignal Signal,
    DebtKind Kind,
    string Link,
    double Weight,
    IReadOnlyDictionary<string, string> DisplayNames,
    DebtItemEdit Draft)
{
    public static DebtCandidateResponse From(DebtCandidate c) => new(
        c.Key, c.Origin, DebtCandidates.Label(c.Origin), c.Title, c.Summary, c.Remedy, c.Services, c.Teams, c.Signal, c.Kind, c.Link, c.Weight, c.DisplayNames, c.Draft());
}
