namespace Portal.Web.Api.Scorecards;

/// <summary>Body of <c>POST /api/v1/scorecards/{service}/exemptions</c>; no <see cref="EndsOn"/> asks for a permanent exemption (admins only).</summary>
public sealed record ExemptionRequest(string Criterion, string? Reason, DateOnly? EndsOn);
