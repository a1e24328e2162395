using Portal.Domain.Signals;
using Portal.Domain.Scorecards.Checks;

namespace Portal.Domain.Scorecards;

/// <summary>
/// One criterion of a framework version: what is checked, at which level, how it is evaluated, and the
/// guidance a team reads when it fails. Plain data, written to and read from framework YAML.
/// </summary>
/// <param name="Key">Unique, stable key (kebab-case). Results refer to it, so rewording keeps the key.</param>
/// <param name="Signal">The signal it belongs to.</param>
/// <param name="Title">What good looks like, as a short statement.</param>
/// <param name="Level">The level it sits at.</param>
/// <param name="Mode">Automatic, self-assessed or external.</param>
/// <param name="Why">Why it matters.</param>
/// <param name="Good">What good looks like, in a sentence or two.</param>
/// <param name="Fix">How to fix it: a short guide.</param>
/// <param name="EffortDays">Estimated effort to meet it from scratch, in engineer-days.</param>
/// <param name="Check">For automatic criteria: the id of the check (see <see cref="AutomaticChecks"/>).</param>
/// <param name="Parameters">Thresholds of the check, overriding its defaults.</param>
/// <param name="Question">For self-assessed criteria: what the team answers, 0 (not at all) to 4 (fully, and proven).</param>
/// <param name="PassAt">For self-assessed criteria: the lowest answer that passes.</param>
/// <param name="EvidenceCheck">For self-assessed criteria: an automatic check whose failure contradicts a passing answer (the answer is flagged).</param>
/// <param name="EffectiveFrom">When the criterion starts to count; before that it shows as upcoming and does not change levels.</param>
/// <param name="Retired">Kept for history, no longer evaluated.</param>
public sealed record CriterionDefinition(
    string Key,
    ScalingSignal Signal,
    string Title,
    ScoreLevel Level,
    CriterionMode Mode,
    string Why,
    string Good,
    string Fix,
    double EffortDays,
    string? Check = null,
    IReadOnlyDictionary<string, double>? Parameters = null,
    string? Question = null,
    int PassAt = 3,
    string? EvidenceCheck = null,
    DateOnly? EffectiveFrom = null,
    bool Retired = false)
{
    /// <summary>
    /// The previous framework version's definition of the same key, when this one carries an <see cref="EffectiveFrom"/>
    /// date: it keeps counting until that date, so a reworded or re-levelled criterion does not drop out of the levels
    /// in between. Linked by <see cref="ScorecardFramework.Following"/>, never written to YAML.
    /// </summary>
    public CriterionDefinition? Replaces { get; init; }

    /// <summary>Counts towards levels on <paramref name="today"/>: not retired and already effective.</summary>
    public bool IsActiveOn(DateOnly today) => !Retired && (EffectiveFrom is null || EffectiveFrom <= today);

    /// <summary>
    /// The definition that counts on <paramref name="today"/>: this one once effective; before that the one it
    /// <see cref="Replaces"/> (or the one that one replaces); null for a retired criterion or a new one still upcoming.
    /// </summary>
    public CriterionDefinition? InForceOn(DateOnly today)
    {
        for (var definition = this; definition is not null; definition = definition.Replaces)
        {
            if (definition.Retired)
            {
                return null;
            }

            if (definition.IsActiveOn(today))
            {
                return definition;
            }
        }

        return null;
    }

    /// <summary>Not retired, but its effective date is still ahead: shown as upcoming, not counted.</summary>
    public bool IsUpcomingOn(DateOnly today) => !Retired && EffectiveFrom > today;

    /// <summary>The value of a check parameter: this criterion's own, else the check's default.</summary>
    public double Parameter(string name, double fallback) =>
        Parameters is not null && Parameters.TryGetValue(name, out var value) ? value : fallback;
}
