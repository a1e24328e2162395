using System.Globalization;
using Portal.Domain.Common;

namespace Portal.Domain.Debt;

/// <summary>
/// The tables that turn people's 1–5 judgements into hours, and the urgency rule. Admins change them on the
/// scoring page; every change recomputes every score. Lists are indexed from the scale's 1 (index 0 is likelihood
/// 1, impact 1, tier 1).
/// </summary>
/// <param name="Probability">P(likelihood): the chance, 0 to 1, that the debt causes an incident or slowdown within a quarter.</param>
/// <param name="ImpactHours">impactHours(impact): engineer-hours one such incident or slowdown costs.</param>
/// <param name="TierWeight">Weight by the most critical affected service's tier (1, 2, 3).</param>
/// <param name="UnknownTierWeight">Weight when no affected service is known (no services, or services without a tier).</param>
/// <param name="UrgencyWindowDays">How many days before its pay-back-by date an item starts getting more urgent.</param>
/// <param name="UrgencyAtDue">The multiplier on the pay-back-by date itself; it rises linearly from 1 across the window.</param>
/// <param name="UrgencyPerOverdueMonth">What each 30 days past the date adds to the multiplier.</param>
/// <param name="UrgencyCap">The multiplier never goes above this.</param>
public sealed record DebtScoringTable(
    IReadOnlyList<double> Probability,
    IReadOnlyList<double> ImpactHours,
    IReadOnlyList<double> TierWeight,
    double UnknownTierWeight,
    int UrgencyWindowDays,
    double UrgencyAtDue,
    double UrgencyPerOverdueMonth,
    double UrgencyCap)
{
    /// <summary>
    /// Portal's defaults: a 1 is "hardly ever" (5% a quarter) and a 5 "almost certainly" (85%); an impact of 1 is
    /// an hour or two lost, a 5 is an outage with its follow-up (120 h); tier 1 counts twice tier 3; urgency starts
    /// 30 days before the date, reaches ×1.5 on it, adds 0.25 per month overdue and stops at ×2.
    /// </summary>
    public static DebtScoringTable Default { get; } = new(
        [0.05, 0.15, 0.35, 0.6, 0.85],
        [1, 4, 12, 40, 120],
        [2, 1.4, 1],
        1,
        30,
        1.5,
        0.25,
        2);

    /// <summary>
    /// A number that changes whenever any value of the table changes (SHA-256 of its JSON), so stored scores are known
    /// to be stale after an admin's edit and after a release that changes the defaults alike.
    /// </summary>
    public int Fingerprint()
    {
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(this);
        return BitConverter.ToInt32(System.Security.Cryptography.SHA256.HashData(json), 0);
    }

    /// <summary>P for a likelihood of 1–5.</summary>
    public double ProbabilityOf(int likelihood) => Probability[likelihood - 1];

    /// <summary>Hours for an impact of 1–5.</summary>
    public double ImpactHoursOf(int impact) => ImpactHours[impact - 1];

    /// <summary>The weight of a tier (1–3), or <see cref="UnknownTierWeight"/> for null or an unknown tier.</summary>
    public double TierWeightOf(int? tier) => tier is >= 1 and <= 3 ? TierWeight[tier.Value - 1] : UnknownTierWeight;

    /// <summary>
    /// Returns the table if it makes sense, otherwise throws a <see cref="DomainValidationException"/> naming the
    /// entry (<c>probability.3</c>, <c>urgencyCap</c>…): five probabilities from 0 to 1 that never fall, five impact
    /// hours that never fall, three tier weights above 0 that never rise from tier 1 to 3, and an urgency rule whose
    /// multipliers stay between 1 and the cap.
    /// </summary>
    public DebtScoringTable Validated()
    {
        RequireList(Probability, "probability", 5, 0, 1, rising: true);
        RequireList(ImpactHours, "impactHours", 5, 0, 100_000, rising: true);
        RequireList(TierWeight, "tierWeight", 3, 0.01, 100, rising: false);
        Require(UnknownTierWeight is >= 0.01 and <= 100, "unknownTierWeight", "must be between 0.01 and 100");
        Require(UrgencyWindowDays is >= 0 and <= 365, "urgencyWindowDays", "must be between 0 and 365 days");
        Require(UrgencyCap is >= 1 and <= 10, "urgencyCap", "must be between 1 and 10");
        Require(UrgencyAtDue >= 1 && UrgencyAtDue <= UrgencyCap, "urgencyAtDue", "must be at least 1 and at most the cap");
        Require(UrgencyPerOverdueMonth is >= 0 and <= 10, "urgencyPerOverdueMonth", "must be between 0 and 10");
        return this;
    }

    private static void RequireList(IReadOnlyList<double>? values, string field, int count, double min, double max, bool rising)
    {
        if (values is null || values.Count != count)
        {
            throw new DomainValidationException(field, $"needs exactly {count} values");
        }

        for (var i = 0; i < count; i++)
        {
            var v = values[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"{field}.{i + 1}");
            Require(!double.IsNaN(v) && v >= min && v <= max, at, string.Create(CultureInfo.InvariantCulture, $"must be between {min:0.##} and {max:N0}"));
            if (i > 0)
            {
                Require(rising ? v >= values[i - 1] : v <= values[i - 1], at,
                    rising ? string.Create(CultureInfo.InvariantCulture, $"must not be less than the value for {i}")
                           : string.Create(CultureInfo.InvariantCulture, $"must not be more than the value for tier {i}"));
            }
        }
    }

    private static void Require(bool ok, string field, string message)
    {
        if (!ok)
        {
            throw new DomainValidationException(field, message);
        }
    }
}
