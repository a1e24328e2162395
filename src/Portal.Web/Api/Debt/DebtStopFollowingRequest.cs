namespace Portal.Web.Api.Debt;

/// <summary>Body of <c>POST /api/v1/debt/{id}/stop-following</c>: the item's version as the caller read it.</summary>
public sealed record DebtStopFollowingRequest(int? Version);
