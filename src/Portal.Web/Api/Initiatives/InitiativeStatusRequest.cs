namespace Portal.Web.Api.Initiatives;

/// <summary>Body of <c>POST /api/v1/initiatives/{id}/status</c>: <c>active</c>, <c>completed</c> or <c>cancelled</c>.</summary>
public sealed record InitiativeStatusRequest(string? Status);
