using Portal.Domain.Common;
using Portal.Domain.Reviews;
using Portal.Domain.Scorecards;
using Portal.Domain.Signals;

namespace Portal.Domain.Tests.Reviews;

/// <summary>
/// Due dates are the viewer's calendar days; the server checks them against today in UTC. At 17:00 on 7 December in
/// UTC−8 it is already 8 December in UTC, and the forms offer the 7th: the server accepts UTC's yesterday, never earlier.
/// </summary>
public sealed class DueDatesTests
{
    private static readonly DateOnly UtcToday = new(2026, 12, 8);
    private static readonly DateTime Now = new(2026, 12, 8, 1, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Team = Guid.CreateVersion7();

    private static ActionItemEdit Item(DateOnly due) => new("Add timeouts", null, Team, due);

    private static InitiativeEdit Initiative(DateOnly starts, DateOnly due) =>
        new("Every payments service at Silver", null, ScalingSignal.CascadingFailures, ScoreLevel.Silver, [], null, Team, starts, due);

    [Fact]
    public void Earliest_IsUtcYesterday() => Assert.Equal(new DateOnly(2026, 12, 7), DueDates.Earliest(UtcToday));

    [Fact]
    public void ActionItem_DueTheViewersTodayWestOfUtc_Accepted()
    {
        var item = new ActionItem(Guid.CreateVersion7(), Item(new DateOnly(2026, 12, 7)), UtcToday, "erik.johansson", "Erik Johansson", Now);

        Assert.Equal(new DateOnly(2026, 12, 7), item.DueOn);
    }

    [Fact]
    public void ActionItem_DueTwoDaysBeforeUtcToday_RefusedNamingDueOn()
    {
        var refused = Assert.Throws<DomainValidationException>(() =>
            new ActionItem(Guid.CreateVersion7(), Item(new DateOnly(2026, 12, 6)), UtcToday, "erik.johansson", "Erik Johansson", Now));

        Assert.Equal("dueOn", refused.Field);
        Assert.Contains("2026-12-06 is in the past", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Initiative_DueUtcYesterday_AcceptedAndTwoDaysBack_Refused()
    {
        var starts = new DateOnly(2026, 12, 1);

        var initiative = new Initiative(Initiative(starts, new DateOnly(2026, 12, 7)), null, UtcToday, "erik.johansson", "Erik Johansson", Now);
        var refused = Assert.Throws<DomainValidationException>(() =>
            new Initiative(Initiative(starts, new DateOnly(2026, 12, 6)), null, UtcToday, "erik.johansson", "Erik Johansson", Now));

        Assert.Equal(new DateOnly(2026, 12, 7), initiative.DueOn);
        Assert.Equal("dueOn", refused.Field);
    }
}
