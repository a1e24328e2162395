namespace Portal.Domain.Scorecards.Records;

/// <summary>Where an exemption request stands.</summary>
public enum ExemptionStatus
{
    Requested,
    Approved,
    Rejected,
    Revoked,
}
