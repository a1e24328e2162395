using System.Text.Json.Serialization;
using Portal.Domain.Scorecards.Records;
using Portal.Domain.Security;

namespace Portal.Domain.Scorecards.Queries;

/// <summary>
/// An exemption request and where it stands; <c>RequestedBy</c> and <c>DecidedBy</c> are display names,
/// <c>RequestedByLogin</c> the requester's sign-in name and <c>RequestedByAlso</c> (not sent by the API) their other
/// names then: nobody who shares one of them may decide it (<see cref="MayBeDecidedBy"/>).
/// </summary>
public sealed record ExemptionDto(
    Guid Id, string Service, string Criterion, string Reason, DateOnly? EndsOn, ExemptionStatus Status, bool Active,
    string RequestedBy, DateTime RequestedAt, string? DecidedBy, DateTime? DecidedAt, string? DecisionNote, int Version, string RequestedByLogin = "",
    [property: JsonIgnore] IReadOnlyList<string>? RequestedByAlso = null)
{
    /// <summary>The four-eyes rule of <see cref="Exemption.MayBeDecidedBy"/>, for pages deciding which buttons to show.</summary>
    public bool MayBeDecidedBy(Actor who) => !Exemption.IsRequester(who, RequestedByLogin, RequestedByAlso);
}
