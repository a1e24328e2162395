namespace Portal.Web.Api.Debt;

/// <summary>Body of <c>POST /api/v1/debt/{id}/reports</c>; <c>occurredOn</c> defaults to today.</summary>
public sealed record DebtReportRequest(DateOnly? OccurredOn, double? Hours, string? Note, string? Incident);
