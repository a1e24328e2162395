using Portal.Domain.Common;
using Portal.Domain.Signals;

namespace Portal.Domain.Debt.Commands;

/// <summary>Everything a person sets on a debt item when creating or editing it.</summary>
/// <param name="Title">Required, at most 200 characters.</param>
/// <param name="Description">Markdown.</param>
/// <param name="Services">Affected services by reference; at least one.</param>
/// <param name="OwnerTeam">A team reference to override the owner; null lets the services decide.</param>
/// <param name="Signal">Which of the seven signals it belongs to.</param>
/// <param name="Kind">Code, architecture, infrastructure, process, documentation or testing.</param>
/// <param name="Quadrant">Fowler's quadrant.</param>
/// <param name="Likelihood">1–5.</param>
/// <param name="Impact">1–5.</param>
/// <param name="EffortDays">Engineer-days, more than zero.</param>
/// <param name="InterestOverride">Hours per month set by hand; null to use the reports of pain.</param>
/// <param name="PayBackBy">When it should be paid back by.</param>
/// <param name="Status">The status to be in after saving.</param>
/// <param name="TargetQuarter">Like <c>2026-Q4</c>; required for Planned.</param>
/// <param name="WontFixReason">Required for Won't fix.</param>
/// <param name="RevisitOn">Required for Won't fix: when to look again.</param>
/// <param name="BusinessOutcome">The outcome paying it down protects.</param>
/// <param name="Links">Issues, incidents, findings.</param>
public sealed record DebtItemEdit(
    string Title,
    string? Description,
    IReadOnlyList<string> Services,
    string? OwnerTeam,
    ScalingSignal Signal,
    DebtKind Kind,
    DebtQuadrant Quadrant,
    int Likelihood,
    int Impact,
    double EffortDays,
    double? InterestOverride,
    DateOnly? PayBackBy,
    DebtStatus Status,
    string? TargetQuarter,
    string? WontFixReason,
    DateOnly? RevisitOn,
    string? BusinessOutcome,
    IReadOnlyList<DebtLink> Links)
{
    /// <summary>Where an accepted finding came from; set by the candidates page, not by people.</summary>
    public string? FindingKey { get; init; }

    /// <summary>
    /// Every problem the edit has on its own, all at once, so a form can mark each field (the services' existence and
    /// permissions are checked when saving). Empty when it looks right.
    /// </summary>
    public IReadOnlyList<DebtFieldProblem> Problems(DateOnly today)
    {
        var problems = new List<DebtFieldProblem>();
        void Check(bool ok, string field, string reason)
        {
            if (!ok && problems.All(p => p.Field != field))
            {
                problems.Add(new DebtFieldProblem(field, reason));
            }
        }

        var title = Title?.Trim() ?? "";
        Check(title.Length > 0, "title", "is required");
        Check(title.Length <= DebtItem.MaxTitleLength, "title", $"is longer than {DebtItem.MaxTitleLength} characters");
        Check(Description is not { Length: > DebtItem.MaxDescriptionLength }, "description", $"is longer than {DebtItem.MaxDescriptionLength:N0} characters");
        var services = Services.Where(x => !string.IsNullOrWhiteSpace(x)).Distinct(StringComparer.Ordinal).Count();
        Check(services > 0, "services", "name at least one affected service");
        Check(services <= DebtItem.MaxServices, "services", $"at most {DebtItem.MaxServices} services can be affected by one item");
        Check(Likelihood is >= 1 and <= 5, "likelihood", "must be 1 to 5");
        Check(Impact is >= 1 and <= 5, "impact", "must be 1 to 5");
        Check(EffortDays > 0 && !double.IsNaN(EffortDays), "effortDays", "must be more than 0 engineer-days: priority is cost of delay per day of effort");
        Check(EffortDays <= DebtItem.MaxEffortDays, "effortDays", $"must be at most {DebtItem.MaxEffortDays:N0} engineer-days");
        Check(InterestOverride is not { } i || (i >= 0 && i <= DebtItem.MaxInterestHoursPerMonth), "interestOverride",
            $"must be between 0 and {DebtItem.MaxInterestHoursPerMonth:N0} hours per month");
        Check(string.IsNullOrWhiteSpace(TargetQuarter) || Quarter.TryParse(TargetQuarter, out _), "targetQuarter", $"'{TargetQuarter}' is not a quarter like 2026-Q4");
        Check(Status != DebtStatus.Planned || !string.IsNullOrWhiteSpace(TargetQuarter), "targetQuarter", "choose the quarter it is planned for");
        if (Status == DebtStatus.WontFix)
        {
            Check(!string.IsNullOrWhiteSpace(WontFixReason), "wontFixReason", "say why it will not be fixed");
            Check(RevisitOn is not null, "revisitOn", "choose a date to look at this decision again");
            Check(RevisitOn is not { } r || r > today, "revisitOn", "must be after today");
        }

        Check(BusinessOutcome is not { Length: > DebtItem.MaxOutcomeLength }, "businessOutcome", $"is longer than {DebtItem.MaxOutcomeLength} characters");
        foreach (var link in Links)
        {
            try
            {
                link.Validated();
            }
            catch (DomainValidationException ex)
            {
                Check(false, "links", ex.Reason);
            }
        }

        return problems;
    }
}
