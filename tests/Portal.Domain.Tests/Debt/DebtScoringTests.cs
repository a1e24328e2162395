using Portal.Domain.Common;
using Portal.Domain.Debt;

namespace Portal.Domain.Tests.Debt;

public sealed class DebtScoringTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);
    private static readonly DebtScoringTable Table = DebtScoringTable.Default;

    private static DebtScoreInput Input(
        int likelihood = 3,
        int impact = 4,
        double effort = 5,
        double? interestOverride = null,
        double reported = 0,
        int reports = 0,
        int?[]? tiers = null,
        int? blast = 0,
        DateOnly? payBackBy = null) =>
        new(likelihood, impact, effort, interestOverride, reported, reports,
            [.. (tiers ?? [1]).Select((t, i) => new AffectedService($"svc-{i}", $"Service {i}", t))],
            blast is { } b ? new BlastRadiusCount(b, 7, []) : null,
            payBackBy);

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    [InlineData(double.NaN)]
    public void Compute_EffortNotAboveZero_ThrowsNamingEffort(double effort)
    {
        var ex = Assert.Throws<DomainValidationException>(() => DebtScoring.Compute(Input(effort: effort), Table, Today));
        Assert.Equal("effortDays", ex.Field);
    }

    [Fact]
    public void Compute_DefaultTables_FollowsTheFormula()
    {
        // interest 12 h over 90 days = 4 h/month; P(3)=0.35, impactHours(4)=40, tier 1 = 2, 7 in the radius → 1 + log2(8) = 4.
        var v = DebtScoring.Compute(Input(reported: 12, reports: 2, blast: 7), Table, Today);

        Assert.Equal(4, v.InterestHoursPerMonth, 9);
        Assert.Equal(12, v.InterestCost, 9);
        Assert.Equal(0.35 * 40 * 2 * 4, v.RiskCost, 9);
        Assert.Equal(1, v.Urgency);
        Assert.Equal(12 + 112, v.CostOfDelay, 9);
        Assert.Equal((12 + 112) / 5.0, v.Priority, 9);
    }

    [Fact]
    public void Compute_InterestOverride_WinsOverReports()
    {
        var v = DebtScoring.Compute(Input(interestOverride: 10, reported: 300, reports: 9), Table, Today);
        Assert.Equal(10, v.InterestHoursPerMonth);
        Assert.Equal(30, v.InterestCost, 9);
    }

    [Fact]
    public void Compute_NoAffectedServiceHasATier_UsesTheUnknownTierWeight()
    {
        var table = Table with { UnknownTierWeight = 0.5 };
        var withoutTier = DebtScoring.Compute(Input(tiers: [null], blast: 0), table, Today);
        var none = DebtScoring.Compute(Input(tiers: [], blast: null), table, Today);

        Assert.Equal(0.35 * 40 * 0.5, withoutTier.RiskCost, 9);
        Assert.Equal(0.35 * 40 * 0.5, none.RiskCost, 9);
    }

    [Fact]
    public void Compute_SeveralServices_TakesTheMostCriticalTier()
    {
        var v = DebtScoring.Compute(Input(tiers: [3, 2, null], blast: 0), Table, Today);
        Assert.Equal(0.35 * 40 * 1.4, v.RiskCost, 9);
    }

    [Fact]
    public void Compute_NoGraph_BlastFactorIsOne()
    {
        var noGraph = DebtScoring.Compute(Input(blast: null), Table, Today);
        var nothingDownstream = DebtScoring.Compute(Input(blast: 0), Table, Today);

        Assert.Equal(0.35 * 40 * 2, noGraph.RiskCost, 9);
        Assert.Equal(noGraph.RiskCost, nothingDownstream.RiskCost, 9);
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(1, 2.0)]
    [InlineData(3, 3.0)]
    [InlineData(255, 9.0)]
    public void BlastFactor_IsOnePlusLog2OfOnePlusCount(int count, double expected) =>
        Assert.Equal(expected, DebtScoring.BlastFactor(count), 9);

    [Fact]
    public void Urgency_NoDate_IsOneHoweverOldTheItem() =>
        Assert.Equal(1, DebtScoring.Urgency(null, Today, Table));

    [Theory]
    [InlineData(90, 1.0)]
    [InlineData(31, 1.0)]
    [InlineData(30, 1.0)]
    [InlineData(15, 1.25)]
    [InlineData(0, 1.5)]
    [InlineData(-30, 1.75)]
    [InlineData(-60, 2.0)]
    public void Urgency_AroundThePayBackByDate_RisesLinearly(int daysLeft, double expected) =>
        Assert.Equal(expected, DebtScoring.Urgency(Today.AddDays(daysLeft), Today, Table), 9);

    [Theory]
    [InlineData(-61)]
    [InlineData(-365)]
    [InlineData(-3650)]
    public void Urgency_LongOverdue_IsCapped(int daysLeft) =>
        Assert.Equal(Table.UrgencyCap, DebtScoring.Urgency(Today.AddDays(daysLeft), Today, Table));

    [Fact]
    public void Compute_Overdue_MultipliesTheWholeCostOfDelayUpToTheCap()
    {
        var due = DebtScoring.Compute(Input(interestOverride: 10, blast: 0), Table, Today);
        var overdue = DebtScoring.Compute(Input(interestOverride: 10, blast: 0, payBackBy: Today.AddYears(-3)), Table, Today);
        Assert.Equal(due.CostOfDelay * Table.UrgencyCap, overdue.CostOfDelay, 9);
    }

    [Fact]
    public void Compute_OutOfScaleLikelihood_NamesTheField()
    {
        var ex = Assert.Throws<DomainValidationException>(() => DebtScoring.Compute(Input(likelihood: 6), Table, Today));
        Assert.Equal("likelihood", ex.Field);
    }

    [Fact]
    public void Explain_EveryFactorHasItsSource()
    {
        var score = DebtScoring.Explain(Input(reported: 9, reports: 3, blast: 7, payBackBy: Today.AddDays(10)), Table, Today);

        Assert.Equal(
            ["interest", "probability", "impactHours", "tierWeight", "blastFactor", "urgency", "effort"],
            score.Factors.Select(f => f.Key));
        var sources = score.Factors.ToDictionary(f => f.Key, f => f.Source);
        Assert.Equal("reports of pain", sources["interest"]);
        Assert.Equal("service tier", sources["tierWeight"]);
        Assert.Equal("dependency graph", sources["blastFactor"]);
        Assert.Equal("pay-back-by date", sources["urgency"]);
        Assert.Contains("3 report(s)", score.Factors[0].Detail, StringComparison.Ordinal);
        Assert.Contains("1 + log2(1 + 7) = 4", score.Factors[4].Detail, StringComparison.Ordinal);
        Assert.EndsWith("h saved per engineer-day", score.Calculation, StringComparison.Ordinal);
        Assert.Equal(DebtScoring.Compute(Input(reported: 9, reports: 3, blast: 7, payBackBy: Today.AddDays(10)), Table, Today), score.Values);
    }

    [Fact]
    public void Explain_NoGraphAndNoTier_SaysSo()
    {
        var score = DebtScoring.Explain(Input(tiers: [], blast: null), Table, Today);
        var factors = score.Factors.ToDictionary(f => f.Key);
        Assert.Equal("no graph", factors["blastFactor"].Source);
        Assert.Equal("no tier", factors["tierWeight"].Source);
        Assert.Equal(1, factors["blastFactor"].Value);
    }

    [Fact]
    public void Explain_CappedUrgency_SaysItIsCapped()
    {
        var score = DebtScoring.Explain(Input(payBackBy: Today.AddDays(-400)), Table, Today);
        Assert.Contains("capped at 2", score.Factors.Single(f => f.Key == "urgency").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportWindowStart_CountsNinetyDaysIncludingToday() =>
        Assert.Equal(89, Today.DayNumber - DebtScoring.ReportWindowStart(Today).DayNumber);
}
