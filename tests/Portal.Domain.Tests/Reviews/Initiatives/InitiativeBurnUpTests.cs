using Portal.Domain.Reviews.Initiatives;
using Portal.Domain.Scorecards;
using Portal.Domain.Signals;

namespace Portal.Domain.Tests.Reviews.Initiatives;

/// <summary>The burn-up counted from level history: a service's level on a day is its last row on or before it.</summary>
public sealed class InitiativeBurnUpTests
{
    private static readonly DateOnly Start = new(2026, 11, 1);
    private static readonly DateOnly Due = new(2026, 11, 11);
    private static readonly Guid A = Guid.NewGuid();
    private static readonly Guid B = Guid.NewGuid();
    private static readonly Guid C = Guid.NewGuid();

    /// <summary>Levels digits with <paramref name="level"/> on cascading failures (third signal) and Bronze elsewhere.</summary>
    private static string Cascading(ScoreLevel level) => $"11{(int)level}1111";

    private static IReadOnlyList<BurnUpPoint> Compute(DateOnly today, Guid[] services, params (Guid, DateOnly, string)[] history) =>
        InitiativeBurnUp.Compute(Start, Due, today, services, history, ScalingSignal.CascadingFailures, ScoreLevel.Silver);

    [Fact]
    public void Compute_RowBeforeStart_LastOneCountsFromTheFirstDay()
    {
        var points = Compute(Start.AddDays(2), [A],
            (A, Start.AddDays(-20), Cascading(ScoreLevel.Gold)),
            (A, Start.AddDays(-5), Cascading(ScoreLevel.Bronze)));

        Assert.Equal(3, points.Count);
        Assert.All(points, p => Assert.Equal((0, 1), (p.Met, p.InScope)));
    }

    [Fact]
    public void Compute_NoRowsBeforeStart_ServiceEntersOnItsFirstRow()
    {
        var points = Compute(Start.AddDays(5), [A, B],
            (A, Start.AddDays(-1), Cascading(ScoreLevel.Silver)),
            (B, Start.AddDays(3), Cascading(ScoreLevel.Gold)));

        Assert.Equal([1, 1, 1, 2, 2, 2], points.Select(p => p.InScope));
        Assert.Equal([1, 1, 1, 2, 2, 2], points.Select(p => p.Met));
    }

    [Fact]
    public void Compute_ServiceNeverAssessed_InScopeAndShortFromTheStart()
    {
        var points = Compute(Start.AddDays(1), [A, C], (A, Start, Cascading(ScoreLevel.Gold)));

        Assert.All(points, p => Assert.Equal((1, 2), (p.Met, p.InScope)));
    }

    [Fact]
    public void Compute_LevelDropsBelowTarget_MetFallsThatDay()
    {
        var points = Compute(Start.AddDays(4), [A],
            (A, Start, Cascading(ScoreLevel.Silver)),
            (A, Start.AddDays(2), Cascading(ScoreLevel.Bronze)),
            (A, Start.AddDays(4), Cascading(ScoreLevel.Gold)));

        Assert.Equal([1, 1, 0, 0, 1], points.Select(p => p.Met));
    }

    [Fact]
    public void Compute_FirstRowAfterTodayOrDue_ServiceHasNotEnteredYet()
    {
        var early = Compute(Start.AddDays(2), [A], (A, Start.AddDays(3), Cascading(ScoreLevel.Gold)));
        var late = Compute(Due.AddDays(30), [A], (A, Due.AddDays(1), Cascading(ScoreLevel.Gold)));

        Assert.Equal([0, 0, 0], early.Select(p => p.InScope));
        Assert.Equal(Due, late[^1].Day);
        Assert.Equal(11, late.Count);
        Assert.All(late, p => Assert.Equal((0, 0), (p.Met, p.InScope)));
    }

    [Fact]
    public void Compute_RowsOfServicesOutOfScope_Ignored()
    {
        var points = Compute(Start, [A], (A, Start, Cascading(ScoreLevel.None)), (B, Start, Cascading(ScoreLevel.Gold)));

        Assert.Equal((0, 1), (points.Single().Met, points.Single().InScope));
    }

    [Fact]
    public void Compute_BeforeTheStart_NoPoints()
    {
        Assert.Empty(Compute(Start.AddDays(-1), [A], (A, Start.AddDays(-3), Cascading(ScoreLevel.Gold))));
    }

    [Fact]
    public void Ideal_StartToDue_StraightLineFromNoneToTotal()
    {
        Assert.Equal(0, InitiativeBurnUp.Ideal(Start, Due, Start, 10));
        Assert.Equal(5, InitiativeBurnUp.Ideal(Start, Due, Start.AddDays(5), 10));
        Assert.Equal(10, InitiativeBurnUp.Ideal(Start, Due, Due, 10));
        Assert.Equal(10, InitiativeBurnUp.Ideal(Start, Due, Due.AddDays(9), 10));
    }

    [Theory]
    [InlineData(5, 10, 5, true)]
    [InlineData(4, 10, 5, false)]
    [InlineData(0, 10, 0, true)]
    [InlineData(9, 10, 10, false)]
    [InlineData(10, 10, 15, true)]
    [InlineData(0, 0, 15, true)]
    public void IsOnTrack_MetAgainstTheIdealLine_BehindOnlyWhenBelowIt(int met, int total, int dayOffset, bool expected)
    {
        Assert.Equal(expected, InitiativeBurnUp.IsOnTrack(met, total, Start, Due, Start.AddDays(dayOffset)));
    }
}
