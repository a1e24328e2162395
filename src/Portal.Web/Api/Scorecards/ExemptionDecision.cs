namespace Portal.Web.Api.Scorecards;

/// <summary>Body of <c>POST /api/v1/scorecards/exemptions/{id}/approve|reject|revoke</c>.</summary>
public sealed record ExemptionDecision(int Version, string? Note);
