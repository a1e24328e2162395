namespace Portal.Domain.Debt;

/// <summary>
/// What explaining one item's score reads: its own assessment and its affected services. A page of the register loads
/// only these (and the columns it shows), not whole items with every service and team.
/// </summary>
internal sealed record DebtScoreSubject(
    Guid Id, int Likelihood, int Impact, double EffortDays, double? InterestOverride, DateOnly? PayBackBy, IReadOnlyList<AffectedService> Services)
{
    /// <summary>An item loaded with its services and their <see cref="DebtItemService.Service"/>.</summary>
    public static DebtScoreSubject Of(DebtItem item) => new(
        item.Id, item.Likelihood, item.Impact, item.EffortDays, item.InterestOverride, item.PayBackBy,
        [.. item.Services.Select(s => new AffectedService(s.Service.Ref, s.Service.DisplayName, s.Service.Tier))]);
}
