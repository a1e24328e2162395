namespace Portal.Web.Api.Debt;

/// <summary>Body of <c>POST /api/v1/debt/candidates/dismissals</c>: which suggestion, and why it is not debt worth logging.</summary>
public sealed record DebtDismissalRequest(string? Key, string? Reason);
