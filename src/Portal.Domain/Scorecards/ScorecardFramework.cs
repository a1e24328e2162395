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

    /// <summary>Criteria that count on <paramref name="today"/>.</summary>
    public IEnumerable<CriterionDefinition> ActiveOn(DateOnly today) => Criteria.Where(c => c.IsActiveOn(today));

    /// <summary>Criteria whose effective date is ahead of <paramref name="today"/>.</summary>
    public IEnumerable<CriterionDefinition> UpcomingOn(DateOnly today) => Criteria.Where(c => c.IsUpcomingOn(today));

    /// <summary>The same criteria under another version number.</summary>
    public ScorecardFramework WithVersion(int version) => this with { Version = version };
}
