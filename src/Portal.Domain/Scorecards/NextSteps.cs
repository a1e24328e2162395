namespace Portal.Domain.Scorecards;

/// <summary>The cheapest way up, per signal, weighted by what the service can break.</summary>
public static class NextSteps
{
    /// <summary>
    /// One step per signal below Gold: what must pass (or be exempted) to reach the next level. Steps that
    /// raise the overall level come first, then the fewest days. <paramref name="blastRadius"/> is how many
    /// services fail when this one does.
    /// </summary>
    public static IReadOnlyList<NextStep> For(ServiceScorecard scorecard, ScorecardFramework framework, int blastRadius)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        ArgumentNullException.ThrowIfNull(framework);
        var weight = 1 + Math.Log2(1 + Math.Max(0, blastRadius));
        var today = DateOnly.FromDateTime(scorecard.EvaluatedAt);
        var steps = new List<NextStep>();
        foreach (var (signal, level) in scorecard.Levels)
        {
            if (level == ScoreLevel.Gold)
            {
                continue;
            }

            var target = level + 1;
            var blockers = scorecard.For(signal)
                .Where(r => !r.Upcoming && !r.Satisfied && r.Level <= target)
                .Select(r => framework.CountingOn(r.Criterion, today))
                .OfType<CriterionDefinition>()
                .OrderBy(c => c.EffortDays)
                .ThenBy(c => c.Key, StringComparer.Ordinal)
                .ToList();
            if (blockers.Count == 0)
            {
                continue;
            }

            var days = blockers.Sum(c => c.EffortDays);
            steps.Add(new NextStep(signal, level, target, blockers, days, level == scorecard.Overall, weight, weight / days));
        }

        return
        [
            .. steps.OrderByDescending(s => s.RaisesOverall)
                .ThenBy(s => s.Days)
                .ThenBy(s => s.Signal),
        ];
    }
}
