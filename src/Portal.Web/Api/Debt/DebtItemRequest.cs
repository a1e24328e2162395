namespace Portal.Web.Api.Debt;

/// <summary>
/// Body of <c>POST /api/v1/debt</c>. Enums are written as the API writes them (<c>cascading-failures</c>,
/// <c>deliberate-prudent</c>, <c>in-progress</c>); a value that is not one names the field in the error.
/// <c>FindingKey</c> accepts a suggestion from <c>GET /api/v1/debt/candidates</c> (its <c>key</c>): the item links
/// back to the finding and the suggestion goes away.
/// </summary>
public sealed record DebtItemRequest(
    string? Title,
    string? Description,
    IReadOnlyList<string>? Services,
    string? Owner,
    string? Signal,
    string? Kind,
    string? Quadrant,
    int? Likelihood,
    int? Impact,
    double? EffortDays,
    double? InterestOverride,
    DateOnly? PayBackBy,
    string? Status,
    string? TargetQuarter,
    string? WontFixReason,
    DateOnly? RevisitOn,
    string? BusinessOutcome,
    IReadOnlyList<DebtLinkRequest>? Links,
    string? FindingKey = null);
