using System.Globalization;
using Portal.Domain.Common;

namespace Portal.Domain.Debt;

/// <summary>
/// Cost of delay and priority of a debt item, as pure functions over plain data (no database, no clock: "today"
/// is an argument), so they are unit-tested and benchmarked alone and the page, the API and recomputation agree.
/// <code>
/// costOfDelay = (interest × 3 + P(likelihood) × impactHours(impact) × tierWeight × blastFactor) × urgency   [hours per quarter]
/// blastFactor = 1 + log2(1 + services in the affected services' blast radius)
/// priority    = costOfDelay ÷ effort                                                                          [hours per engineer-day]
/// </code>
/// See <c>docs/risk-scoring.md</c>.
/// </summary>
public static class DebtScoring
{
    /// <summary>Reports of pain count towards interest for this many days, today included.</summary>
    public const int ReportWindowDays = 90;

    /// <summary>Months in the report window: reported hours ÷ this = hours per month.</summary>
    public const double ReportWindowMonths = ReportWindowDays / 30.0;

    /// <summary>Interest is per month; cost of delay is per quarter.</summary>
    public const double MonthsPerQuarter = 3;

    public const string Formula = "costOfDelay = (interest × 3 + P(likelihood) × impactHours(impact) × tierWeight × blastFactor) × urgency; "
        + "blastFactor = 1 + log2(1 + services in the blast radius); priority = costOfDelay ÷ effort";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The first day whose reports still count on <paramref name="today"/>.</summary>
    public static DateOnly ReportWindowStart(DateOnly today) => today.AddDays(-(ReportWindowDays - 1));

    /// <summary>Throws a <see cref="DomainValidationException"/> naming <c>effort</c> unless it is a number above zero.</summary>
    public static void RequireEffort(double effortDays)
    {
        if (double.IsNaN(effortDays) || double.IsInfinity(effortDays) || effortDays <= 0)
        {
            throw new DomainValidationException("effortDays", "must be more than 0 engineer-days: priority is cost of delay per day of effort");
        }
    }

    /// <summary>1 + log2(1 + count): 1 with nothing downstream, 2 with one service, 4.46 with ten, 7.66 with a hundred.</summary>
    public static double BlastFactor(int servicesInRadius) => 1 + Math.Log2(1 + Math.Max(0, servicesInRadius));

    /// <summary>
    /// The pay-back-by multiplier: 1 without a date or while the date is more than the window away; rising linearly
    /// to <see cref="DebtScoringTable.UrgencyAtDue"/> on the date; then <see cref="DebtScoringTable.UrgencyPerOverdueMonth"/>
    /// more for every 30 days past it; never above <see cref="DebtScoringTable.UrgencyCap"/>. Age alone never raises it.
    /// </summary>
    public static double Urgency(DateOnly? payBackBy, DateOnly today, DebtScoringTable table)
    {
        if (payBackBy is not { } due)
        {
            return 1;
        }

        var daysLeft = due.DayNumber - today.DayNumber;
        double urgency;
        if (daysLeft > table.UrgencyWindowDays)
        {
            urgency = 1;
        }
        else if (daysLeft >= 0)
        {
            urgency = table.UrgencyWindowDays == 0
                ? table.UrgencyAtDue
                : 1 + ((table.UrgencyAtDue - 1) * (table.UrgencyWindowDays - daysLeft) / table.UrgencyWindowDays);
        }
        else
        {
            urgency = table.UrgencyAtDue + (table.UrgencyPerOverdueMonth * (-daysLeft / 30.0));
        }

        return Math.Min(urgency, table.UrgencyCap);
    }

    /// <summary>The numbers only: what recomputing thousands of items needs. Throws when the effort is not above zero.</summary>
    public static DebtScoreValues Compute(DebtScoreInput input, DebtScoringTable table, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(table);
        RequireEffort(input.EffortDays);
        RequireScale(input.Likelihood, "likelihood");
        RequireScale(input.Impact, "impact");

        var interest = Interest(input);
        var interestCost = interest * MonthsPerQuarter;
        var riskCost = table.ProbabilityOf(input.Likelihood) * table.ImpactHoursOf(input.Impact)
            * table.TierWeightOf(MostCriticalTier(input.Services)) * BlastFactor(input.Blast?.Count ?? 0);
        var urgency = Urgency(input.PayBackBy, today, table);
        var costOfDelay = (interestCost + riskCost) * urgency;
        return new DebtScoreValues(interest, interestCost, riskCost, urgency, costOfDelay, costOfDelay / input.EffortDays);
    }

    /// <summary>The numbers with "why this number": each factor, its source, and the formula with the values filled in.</summary>
    public static DebtScore Explain(DebtScoreInput input, DebtScoringTable table, DateOnly today)
    {
        var v = Compute(input, table, today);
        var tier = MostCriticalTier(input.Services);
        var p = table.ProbabilityOf(input.Likelihood);
        var hours = table.ImpactHoursOf(input.Impact);
        var weight = table.TierWeightOf(tier);
        var blast = BlastFactor(input.Blast?.Count ?? 0);

        var factors = new List<ScoreFactor>
        {
            InterestFactor(input, v.InterestHoursPerMonth),
            new("probability", "P(likelihood)", p, "", "scoring table",
                F($"Likelihood {input.Likelihood} of 5 is a {p * 100:0.#}% chance of an incident or slowdown within a quarter.")),
            new("impactHours", "impactHours(impact)", hours, "h", "scoring table",
                F($"Impact {input.Impact} of 5 costs {hours:0.#} engineer-hours each time it happens.")),
            TierFactor(input.Services, tier, weight),
            BlastFactorExplained(input, blast),
            UrgencyFactor(input.PayBackBy, today, table, v.Urgency),
            new("effort", "effort", input.EffortDays, "engineer-days", "the item",
                F($"Paying it down takes {input.EffortDays:0.#} engineer-days.")),
        };

        var calculation = F($"({v.InterestHoursPerMonth:0.#} h/month × 3 + {p:0.###} × {hours:0.#} h × {weight:0.##} × {blast:0.##}) × {v.Urgency:0.##}")
            + F($" = {v.CostOfDelay:0.#} h per quarter; ÷ {input.EffortDays:0.#} engineer-days = {v.Priority:0.#} h saved per engineer-day");
        return new DebtScore(v, factors, Formula, calculation);
    }

    /// <summary>The most critical (lowest) tier among the services that have one; null when none has.</summary>
    public static int? MostCriticalTier(IReadOnlyList<AffectedService> services)
    {
        int? best = null;
        foreach (var s in services)
        {
            if (s.Tier is >= 1 and <= 3 && (best is null || s.Tier < best))
            {
                best = s.Tier;
            }
        }

        return best;
    }

    private static double Interest(DebtScoreInput input) =>
        input.InterestOverride ?? Math.Max(0, input.ReportedHours) / ReportWindowMonths;

    private static ScoreFactor InterestFactor(DebtScoreInput input, double interest) => input.InterestOverride is { } o
        ? new("interest", "interest", interest, "h/month", "set by hand",
            F($"Someone set the interest to {o:0.#} h per month; the reports of pain ({input.ReportCount} in the last {ReportWindowDays} days, {input.ReportedHours:0.#} h) are not used while it is set."))
        : new("interest", "interest", interest, "h/month", input.ReportCount == 0 ? "no reports" : "reports of pain",
            input.ReportCount == 0
                ? F($"Nobody reported pain in the last {ReportWindowDays} days, so the interest is 0.")
                : F($"{input.ReportCount} report(s) in the last {ReportWindowDays} days add up to {input.ReportedHours:0.#} h, which is {interest:0.#} h per month."));

    private static ScoreFactor TierFactor(IReadOnlyList<AffectedService> services, int? tier, double weight)
    {
        if (tier is null)
        {
            return new("tierWeight", "tierWeight", weight, "", "no tier",
                services.Count == 0
                    ? F($"No affected service is named, so the weight for an unknown tier ({weight:0.##}) is used.")
                    : F($"None of the affected services has a tier, so the weight for an unknown tier ({weight:0.##}) is used."));
        }

        var critical = services.Where(s => s.Tier == tier).Select(s => s.DisplayName).ToList();
        var names = string.Join(", ", critical.Take(3)) + (critical.Count > 3 ? F($" and {critical.Count - 3} more") : "");
        return new("tierWeight", "tierWeight", weight, "", "service tier",
            services.Count == 1
                ? F($"{names} is tier {tier}, which weighs {weight:0.##}.")
                : F($"The most critical of the {services.Count} affected services is tier {tier} ({names}), which weighs {weight:0.##}."));
    }

    private static ScoreFactor BlastFactorExplained(DebtScoreInput input, double factor)
    {
        if (input.Blast is not { } blast)
        {
            return new("blastFactor", "blastFactor", factor, "", "no graph",
                input.Services.Count == 0
                    ? "No affected service is named, so nothing in the dependency graph can fail with it: the factor is 1."
                    : "The affected services are not in the dependency graph, so its blast radius is unknown: the factor is 1.");
        }

        var example = blast.Example.Count == 0 ? "" : " (" + string.Join(", ", blast.Example) + (blast.Count > blast.Example.Count ? ", …" : "") + ")";
        return new("blastFactor", "blastFactor", factor, "", "dependency graph",
            blast.Count == 0
                ? F($"Nothing waits on the affected services without a fallback (graph version {blast.GraphVersion}), so the factor is 1 + log2(1 + 0) = 1.")
                : F($"{blast.Count} service(s) can fail when the affected services fail{example}, through synchronous calls without a fallback (graph version {blast.GraphVersion}): 1 + log2(1 + {blast.Count}) = {factor:0.##}."));
    }

    private static ScoreFactor UrgencyFactor(DateOnly? payBackBy, DateOnly today, DebtScoringTable table, double urgency)
    {
        if (payBackBy is not { } due)
        {
            return new("urgency", "urgency", urgency, "", "no date", "There is no pay-back-by date, so urgency is 1. Age alone does not make debt more urgent.");
        }

        var days = due.DayNumber - today.DayNumber;
        var when = due.ToString("yyyy-MM-dd", Inv);
        string detail;
        if (days > table.UrgencyWindowDays)
        {
            detail = F($"Pay back by {when} is {days} days away, more than the {table.UrgencyWindowDays}-day window, so urgency is 1");
        }
        else if (days >= 0)
        {
            detail = F($"Pay back by {when} is {days} day(s) away: urgency rises from 1 to {table.UrgencyAtDue:0.##} over the last {table.UrgencyWindowDays} days");
        }
        else
        {
            detail = F($"Pay back by {when} was {-days} day(s) ago: {table.UrgencyAtDue:0.##} on the date plus {table.UrgencyPerOverdueMonth:0.##} per 30 days overdue");
        }

        detail += urgency >= table.UrgencyCap && table.UrgencyCap > 1 ? F($", capped at {table.UrgencyCap:0.##}.") : ".";

        return new("urgency", "urgency", urgency, "", "pay-back-by date", detail);
    }

    private static void RequireScale(int value, string field)
    {
        if (value is < 1 or > 5)
        {
            throw new DomainValidationException(field, $"must be 1 to 5, not {value}");
        }
    }

    private static string F(FormattableString text) => text.ToString(Inv);
}
