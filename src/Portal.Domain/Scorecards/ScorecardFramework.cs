namespace Portal.Domain.Scorecards;

/// <summary>
/// One version of the scorecard framework: the criteria in force and how long self-assessed answers stay
/// valid. Versions are immutable; editing the framework makes a new version, and every result records the
/// version it was evaluated under, so past results keep their meaning.
/// </summary>
/// <param name="Version">1, 2, 3…; 0 for a framework not saved yet.</param>
/// <param name="AnswerValidityDays">Days a self-assessed answer counts before it must be re-attested.</param>
/// <param name="Criteria">Every criterion, retired ones included.</param>
public sealed record ScorecardFramework(int Version, int AnswerValidityDays, IReadOnlyList<CriterionDefinition> Criteria)
{
    public const int MinAnswerValidityDays = 7;
    public const int MaxAnswerValidityDays = 730;

    /// <summary>The criterion with this key, or null.</summary>
    public CriterionDefinition? Find(string key) =>
        Criteria.FirstOrDefault(c => string.Equals(c.Key, key, StringComparison.Ordinal));

    /// <summary>
    /// The definition of <paramref name="key"/> that results of <paramref name="today"/> were evaluated under: the one in
    /// force (a replaced one until a change takes effect), else the upcoming one; null when there is no such key.
    /// </summary>
    public CriterionDefinition? CountingOn(string key, DateOnly today) => Find(key) is { } c ? c.InForceOn(today) ?? c : null;

    /// <summary>Criteria that count on <paramref name="today"/>.</summary>
    public IEnumerable<CriterionDefinition> ActiveOn(DateOnly today) => Criteria.Where(c => c.IsActiveOn(today));

    /// <summary>Criteria whose effective date is ahead of <paramref name="today"/>.</summary>
    public IEnumerable<CriterionDefinition> UpcomingOn(DateOnly today) => Criteria.Where(c => c.IsUpcomingOn(today));

    /// <summary>
    /// This version as the successor of <paramref name="previous"/>: every criterion that carries an effective date links
    /// the previous version's definition of its key (<see cref="CriterionDefinition.Replaces"/>), which keeps counting
    /// until that date. A key the previous version did not have, or had retired, is a new criterion: upcoming, not counted.
    /// </summary>
    public ScorecardFramework Following(ScorecardFramework? previous)
    {
        if (previous is null || !Criteria.Any(c => c.EffectiveFrom is not null && !c.Retired))
        {
            return this;
        }

        return this with
        {
            Criteria =
            [
                .. Criteria.Select(c => c.EffectiveFrom is not null && !c.Retired && previous.Find(c.Key) is { Retired: false } before
                    ? c with { Replaces = before }
                    : c),
            ],
        };
    }

    /// <summary>The same criteria under another version number.</summary>
    public ScorecardFramework WithVersion(int version) => this with { Version = version };
}
