using System.Text.Json.Serialization;
using Portal.Domain.Scorecards.Records;

namespace Portal.Domain.Scorecards.Queries;

/// <summary>
/// An exemption request and where it stands; <c>RequestedBy</c> and <c>DecidedBy</c> are display names,
/// <c>RequestedByLogin</c> the requester's sign-in name and <c>RequestedByAlso</c> (not sent by the API) their other
/// names then: nobody who shares one of them may decide it (<see cref="ScorecardQueries.UndecidableByAsync"/>).
/// </summary>
public sealed record ExemptionDto(
    Guid Id, string Service, string Criterion, string Reason, DateOnly? EndsOn, ExemptionStatus Status, bool Active,
    string RequestedBy, DateTime RequestedAt, string? DecidedBy, DateTime? DecidedAt, string? DecisionNote, int Version, string RequestedByLogin = "",
    [property: JsonIgnore] IReadOnlyList<string>? RequestedByAlso = null);
