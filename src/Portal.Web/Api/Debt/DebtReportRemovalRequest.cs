namespace Portal.Web.Api.Debt;

/// <summary>Why the owning team disputes a report of pain.</summary>
public sealed record DebtReportRemovalRequest(string? Reason);
