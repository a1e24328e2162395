using Portal.Domain.Scorecards.Records;

namespace Portal.Domain.Scorecards.Queries;

/// <summary>An exemption request and where it stands; <c>RequestedBy</c> and <c>DecidedBy</c> are display names, <c>RequestedByLogin</c> the requester's sign-in name (who may not decide it).</summary>
public sealed record ExemptionDto(
    Guid Id, string Service, string Criterion, string Reason, DateOnly? EndsOn, ExemptionStatus Status, bool Active,
    string RequestedBy, DateTime RequestedAt, string? DecidedBy, DateTime? DecidedAt, string? DecisionNote, int Version, string RequestedByLogin = "");
