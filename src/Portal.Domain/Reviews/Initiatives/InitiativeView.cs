namespace Portal.Domain.Reviews.Initiatives;

/// <summary>One initiative in full: its summary, description, burn-up and the services still short.</summary>
/// <param name="Summary">What lists show, with today's progress.</param>
/// <param name="Description">Why and how (Markdown); null when none.</param>
/// <param name="ScopeTeamRefs">References of the teams in scope (for editing); empty for the organisation.</param>
/// <param name="BurnUp">Day by day from the start to today (or the due date, if earlier).</param>
/// <param name="ServicesShort">Services still short of the target, most critical and lowest level first.</param>
/// <param name="CreatedByName">Who created it.</param>
/// <param name="CreatedAt">When (UTC).</param>
/// <param name="UpdatedAt">Last change (UTC).</param>
public sealed record InitiativeView(
    InitiativeSummary Summary,
    string? Description,
    IReadOnlyList<string> ScopeTeamRefs,
    IReadOnlyList<BurnUpPoint> BurnUp,
    IReadOnlyList<ShortService> ServicesShort,
    string CreatedByName,
    DateTime CreatedAt,
    DateTime UpdatedAt);
