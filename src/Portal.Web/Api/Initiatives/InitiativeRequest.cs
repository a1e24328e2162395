namespace Portal.Web.Api.Initiatives;

/// <summary>
/// Body of <c>POST /api/v1/initiatives</c> and <c>PUT /api/v1/initiatives/{id}</c>. Enums are written as the API
/// writes them (<c>cascading-failures</c>, <c>silver</c>); teams by reference (<c>payments-core</c>), none in
/// <c>teams</c> for the organisation. On POST, <c>fromActionItem</c> (and its <c>actionItemVersion</c>) grows a review
/// action item into the initiative, linking it in the same save.
/// </summary>
public sealed record InitiativeRequest(
    string? Title,
    string? Description,
    string? Signal,
    string? TargetLevel,
    IReadOnlyList<string>? Teams,
    int? MaxTier,
    string? OwnerTeam,
    DateOnly? StartsOn,
    DateOnly? DueOn,
    Guid? FromActionItem = null,
    int? ActionItemVersion = null);
