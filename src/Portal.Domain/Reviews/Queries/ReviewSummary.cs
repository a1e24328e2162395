namespace Portal.Domain.Reviews.Queries;

/// <summary>A review in the list of reviews.</summary>
/// <param name="Quarter">The quarter, <c>2026-Q4</c>.</param>
/// <param name="Title">Its title.</param>
/// <param name="Status">Open, closing or closed.</param>
/// <param name="Revision">Its current revision.</param>
/// <param name="Scope">"the whole organisation" or the teams' names.</param>
/// <param name="ClosedAt">When the current revision closed (UTC).</param>
/// <param name="ActionItems">How many action items it has.</param>
/// <param name="ActionItemsOpen">Of those, still open.</param>
public sealed record ReviewSummary(string Quarter, string Title, ReviewStatus Status, int Revision, string Scope, DateTime? ClosedAt, int ActionItems, int ActionItemsOpen);
