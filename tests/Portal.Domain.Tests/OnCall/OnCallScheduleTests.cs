using System.Globalization;
using Portal.Domain.Common;
using Portal.Domain.OnCall;

namespace Portal.Domain.Tests.OnCall;

public class OnCallScheduleTests
{
    private const string Berlin = "Europe/Berlin";
    private const string NewYork = "America/New_York";

    private static readonly IReadOnlyList<OverridePlan> NoOverrides = [];

    /// <summary>Ada, Bob, Cy take a week each from Monday 2026-01-05, 09:00 Berlin (08:00Z in winter).</summary>
    private static readonly RotationPlan Weekly = new(["ada", "bob", "cy"], 7, new TimeOnly(9, 0), Berlin, new DateOnly(2026, 1, 5));

    private static RotationPlan Daily(string zone, DateOnly start, TimeOnly? handoff = null) =>
        new(["ada", "bob"], 1, handoff ?? new TimeOnly(9, 0), zone, start);

    private static DateTimeOffset Utc(string iso) =>
        DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static OnCallShift ShiftStartingAt(IReadOnlyList<OnCallShift> shifts, string iso) =>
        Assert.Single(shifts, s => s.StartUtc == Utc(iso));

    [Fact]
    public void WhoIsOnCall_WeeklyRotationOfThree_TakesTurnsInOrderAndWrapsAround()
    {
        var weeks = new[] { "2026-01-06T12:00Z", "2026-01-13T12:00Z", "2026-01-20T12:00Z", "2026-01-27T12:00Z" };

        var people = weeks.Select(w => OnCallSchedule.WhoIsOnCall(Weekly, NoOverrides, Utc(w)).PersonName);

        Assert.Equal(["ada", "bob", "cy", "ada"], people);
    }

    [Fact]
    public void WhoIsOnCall_WeeklyRotation_ReturnsShiftBoundsAtLocalHandoffInUtc()
    {
        var result = OnCallSchedule.WhoIsOnCall(Weekly, NoOverrides, Utc("2026-01-13T12:00Z"));

        Assert.Equal((Utc("2026-01-12T08:00Z"), Utc("2026-01-19T08:00Z")), (result.ShiftStartUtc, result.ShiftEndUtc));
        Assert.False(result.IsOverride);
        Assert.Null(result.Warning);
    }

    [Fact]
    public void WhoIsOnCall_ExactlyAtHandoffInstant_ReturnsNewPerson()
    {
        var result = OnCallSchedule.WhoIsOnCall(Weekly, NoOverrides, Utc("2026-01-12T08:00Z"));

        Assert.Equal("bob", result.PersonName);
    }

    [Fact]
    public void WhoIsOnCall_OneTickBeforeHandoff_ReturnsPreviousPerson()
    {
        var result = OnCallSchedule.WhoIsOnCall(Weekly, NoOverrides, Utc("2026-01-12T08:00Z").AddTicks(-1));

        Assert.Equal("ada", result.PersonName);
    }

    [Theory]
    [InlineData(Berlin, "2026-03-26T00:00Z", "2026-04-01T00:00Z")]
    [InlineData(Berlin, "2026-10-22T00:00Z", "2026-10-28T00:00Z")]
    [InlineData(NewYork, "2026-03-05T00:00Z", "2026-03-11T00:00Z")]
    [InlineData(NewYork, "2026-10-29T00:00Z", "2026-11-04T00:00Z")]
    public void Shifts_DailyAcrossDstChange_EveryHandoffAtNineLocal(string zone, string from, string to)
    {
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);

        var shifts = OnCallSchedule.Shifts(Daily(zone, new DateOnly(2026, 1, 1)), NoOverrides, Utc(from), Utc(to));

        Assert.All(shifts, s => Assert.Equal(new TimeOnly(9, 0), TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(s.StartUtc, tz).DateTime)));
    }

    [Fact]
    public void Shifts_DailyAcrossBerlinSpringForward_ShiftContainingChangeIs23Hours()
    {
        var shifts = OnCallSchedule.Shifts(Daily(Berlin, new DateOnly(2026, 1, 1)), NoOverrides, Utc("2026-03-27T12:00Z"), Utc("2026-03-30T12:00Z"));

        var shift = ShiftStartingAt(shifts, "2026-03-28T08:00Z");
        Assert.Equal(Utc("2026-03-29T07:00Z"), shift.EndUtc);
        Assert.Equal(TimeSpan.FromHours(23), shift.Length);
    }

    [Fact]
    public void Shifts_DailyAcrossBerlinFallBack_ShiftContainingChangeIs25Hours()
    {
        var shifts = OnCallSchedule.Shifts(Daily(Berlin, new DateOnly(2026, 1, 1)), NoOverrides, Utc("2026-10-23T12:00Z"), Utc("2026-10-26T12:00Z"));

        var shift = ShiftStartingAt(shifts, "2026-10-24T07:00Z");
        Assert.Equal(Utc("2026-10-25T08:00Z"), shift.EndUtc);
        Assert.Equal(TimeSpan.FromHours(25), shift.Length);
    }

    [Fact]
    public void Shifts_DailyAcrossNewYorkSpringForward_ShiftContainingChangeIs23Hours()
    {
        var shifts = OnCallSchedule.Shifts(Daily(NewYork, new DateOnly(2026, 1, 1)), NoOverrides, Utc("2026-03-06T18:00Z"), Utc("2026-03-09T18:00Z"));

        var shift = ShiftStartingAt(shifts, "2026-03-07T14:00Z");
        Assert.Equal(Utc("2026-03-08T13:00Z"), shift.EndUtc);
        Assert.Equal(TimeSpan.FromHours(23), shift.Length);
    }

    [Fact]
    public void Shifts_DailyAcrossNewYorkFallBack_ShiftContainingChangeIs25Hours()
    {
        var shifts = OnCallSchedule.Shifts(Daily(NewYork, new DateOnly(2026, 1, 1)), NoOverrides, Utc("2026-10-30T18:00Z"), Utc("2026-11-02T18:00Z"));

        var shift = ShiftStartingAt(shifts, "2026-10-31T13:00Z");
        Assert.Equal(Utc("2026-11-01T14:00Z"), shift.EndUtc);
        Assert.Equal(TimeSpan.FromHours(25), shift.Length);
    }

    [Fact]
    public void ShiftStart_HandoffInSpringForwardGap_IsFirstInstantAfterGap()
    {
        // 02:30 does not exist in Berlin on 2026-03-29: clocks jump from 02:00 CET to 03:00 CEST (01:00Z).
        var plan = Daily(Berlin, new DateOnly(2026, 3, 27), new TimeOnly(2, 30));

        Assert.Equal(Utc("2026-03-29T01:00Z"), OnCallSchedule.ShiftStart(plan, 2));
    }

    [Fact]
    public void ShiftStart_HandoffInFallBackOverlap_IsEarlierOccurrence()
    {
        // 02:30 happens twice in Berlin on 2026-10-25: first in CEST (00:30Z), then in CET (01:30Z).
        var plan = Daily(Berlin, new DateOnly(2026, 10, 23), new TimeOnly(2, 30));

        Assert.Equal(Utc("2026-10-25T00:30Z"), OnCallSchedule.ShiftStart(plan, 2));
    }

    [Fact]
    public void WhoIsOnCall_InsideOverride_ReturnsOverridePerson()
    {
        OverridePlan[] overrides = [new("dan", Utc("2026-01-07T00:00Z"), Utc("2026-01-08T00:00Z"))];

        var result = OnCallSchedule.WhoIsOnCall(Weekly, overrides, Utc("2026-01-07T12:00Z"));

        Assert.Equal(("dan", true), (result.PersonName, result.IsOverride));
        Assert.Equal((Utc("2026-01-07T00:00Z"), Utc("2026-01-08T00:00Z")), (result.ShiftStartUtc, result.ShiftEndUtc));
    }

    [Fact]
    public void WhoIsOnCall_AtOverrideEnd_RotationResumesExactlyThere()
    {
        OverridePlan[] overrides = [new("dan", Utc("2026-01-07T00:00Z"), Utc("2026-01-08T00:00Z"))];

        var result = OnCallSchedule.WhoIsOnCall(Weekly, overrides, Utc("2026-01-08T00:00Z"));

        Assert.Equal(("ada", false), (result.PersonName, result.IsOverride));
        Assert.Equal((Utc("2026-01-08T00:00Z"), Utc("2026-01-12T08:00Z")), (result.ShiftStartUtc, result.ShiftEndUtc));
    }

    [Fact]
    public void WhoIsOnCall_OneTickBeforeOverrideEnd_StillOverridePerson()
    {
        OverridePlan[] overrides = [new("dan", Utc("2026-01-07T00:00Z"), Utc("2026-01-08T00:00Z"))];

        var result = OnCallSchedule.WhoIsOnCall(Weekly, overrides, Utc("2026-01-08T00:00Z").AddTicks(-1));

        Assert.Equal("dan", result.PersonName);
    }

    [Fact]
    public void Shifts_OverrideInsideShift_SplitsShiftAtOverrideEdges()
    {
        OverridePlan[] overrides = [new("dan", Utc("2026-01-07T00:00Z"), Utc("2026-01-08T00:00Z"))];

        var shifts = OnCallSchedule.Shifts(Weekly, overrides, Utc("2026-01-05T08:00Z"), Utc("2026-01-12T08:00Z"));

        Assert.Equal(
            [
                new OnCallShift("ada", Utc("2026-01-05T08:00Z"), Utc("2026-01-07T00:00Z"), false, null),
                new OnCallShift("dan", Utc("2026-01-07T00:00Z"), Utc("2026-01-08T00:00Z"), true, null),
                new OnCallShift("ada", Utc("2026-01-08T00:00Z"), Utc("2026-01-12T08:00Z"), false, null),
            ],
            shifts);
    }

    [Fact]
    public void Shifts_OverrideMatchingShiftEdges_ReplacesShiftWithoutSlivers()
    {
        OverridePlan[] overrides = [new("dan", Utc("2026-01-12T08:00Z"), Utc("2026-01-19T08:00Z"))];

        var shifts = OnCallSchedule.Shifts(Weekly, overrides, Utc("2026-01-05T08:00Z"), Utc("2026-01-26T08:00Z"));

        Assert.Equal(["ada", "dan", "cy"], shifts.Select(s => s.PersonName));
        Assert.Equal([false, true, false], shifts.Select(s => s.IsOverride));
    }

    [Fact]
    public void WhoIsOnCall_AtEndOfOverrideMatchingShift_ReturnsNextRotationPerson()
    {
        OverridePlan[] overrides = [new("dan", Utc("2026-01-12T08:00Z"), Utc("2026-01-19T08:00Z"))];

        var result = OnCallSchedule.WhoIsOnCall(Weekly, overrides, Utc("2026-01-19T08:00Z"));

        Assert.Equal(("cy", false), (result.PersonName, result.IsOverride));
    }

    [Fact]
    public void WhoIsOnCall_AtStartOfOverrideMatchingShift_ReturnsOverridePerson()
    {
        OverridePlan[] overrides = [new("dan", Utc("2026-01-12T08:00Z"), Utc("2026-01-19T08:00Z"))];

        var result = OnCallSchedule.WhoIsOnCall(Weekly, overrides, Utc("2026-01-12T08:00Z"));

        Assert.Equal(("dan", true), (result.PersonName, result.IsOverride));
    }

    [Fact]
    public void Shifts_OverlappingOverrides_ThrowNamingBothWindows()
    {
        OverridePlan[] overrides =
        [
            new("dan", Utc("2026-01-07T00:00Z"), Utc("2026-01-08T00:00Z")),
            new("erin", Utc("2026-01-07T18:00Z"), Utc("2026-01-09T00:00Z")),
        ];

        var ex = Assert.Throws<DomainValidationException>(
            () => OnCallSchedule.Shifts(Weekly, overrides, Utc("2026-01-05T08:00Z"), Utc("2026-01-12T08:00Z")));

        Assert.Equal("override", ex.Field);
        Assert.Contains("dan [2026-01-07 00:00:00Z, 2026-01-08 00:00:00Z)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("erin [2026-01-07 18:00:00Z, 2026-01-09 00:00:00Z)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shifts_AdjacentOverrides_AreBothApplied()
    {
        OverridePlan[] overrides =
        [
            new("dan", Utc("2026-01-07T00:00Z"), Utc("2026-01-08T00:00Z")),
            new("erin", Utc("2026-01-08T00:00Z"), Utc("2026-01-09T00:00Z")),
        ];

        var shifts = OnCallSchedule.Shifts(Weekly, overrides, Utc("2026-01-05T08:00Z"), Utc("2026-01-12T08:00Z"));

        Assert.Equal(["ada", "dan", "erin", "ada"], shifts.Select(s => s.PersonName));
    }

    [Fact]
    public void WhoIsOnCall_EmptyRotation_ReturnsNobodyWithWarning()
    {
        var empty = Weekly with { Participants = [] };

        var result = OnCallSchedule.WhoIsOnCall(empty, NoOverrides, Utc("2026-01-13T12:00Z"));

        Assert.Null(result.PersonName);
        Assert.Equal(OnCallSchedule.EmptyRotationWarning, result.Warning);
    }

    [Fact]
    public void Shifts_EmptyRotation_ReturnsOneUncoveredStretchWithWarning()
    {
        var empty = Weekly with { Participants = [] };

        var shifts = OnCallSchedule.Shifts(empty, NoOverrides, Utc("2026-01-05T00:00Z"), Utc("2026-02-02T00:00Z"));

        Assert.Equal(
            [new OnCallShift(null, Utc("2026-01-05T00:00Z"), Utc("2026-02-02T00:00Z"), false, OnCallSchedule.EmptyRotationWarning)],
            shifts);
    }

    [Fact]
    public void WhoIsOnCall_BeforeStartDate_ReturnsNobodyWithWarningUntilFirstHandoff()
    {
        var result = OnCallSchedule.WhoIsOnCall(Weekly, NoOverrides, Utc("2026-01-01T12:00Z"));

        Assert.Null(result.PersonName);
        Assert.StartsWith("rotation starts on 2026-01-05 at 09:00 Europe/Berlin", result.Warning, StringComparison.Ordinal);
        Assert.Equal(Utc("2026-01-05T08:00Z"), result.ShiftEndUtc);
    }

    [Fact]
    public void Shifts_WindowStartingBeforeStartDate_BeginsWithUncoveredStretch()
    {
        var shifts = OnCallSchedule.Shifts(Weekly, NoOverrides, Utc("2026-01-01T00:00Z"), Utc("2026-01-10T00:00Z"));

        Assert.Equal([null, "ada"], shifts.Select(s => s.PersonName));
        Assert.Equal((Utc("2026-01-01T00:00Z"), Utc("2026-01-05T08:00Z")), (shifts[0].StartUtc, shifts[0].EndUtc));
    }

    [Fact]
    public void Shifts_NextFourWeeksAcrossDst_ContiguousWithoutGapsOrOverlaps()
    {
        var from = Utc("2026-03-16T10:15Z");
        OverridePlan[] overrides =
        [
            new("dan", Utc("2026-03-18T00:00Z"), Utc("2026-03-19T00:00Z")),
            new("erin", Utc("2026-03-30T07:00Z"), Utc("2026-04-06T07:00Z")),
        ];

        var shifts = OnCallSchedule.Shifts(Weekly, overrides, from, from.AddDays(28));

        Assert.True(shifts[0].StartUtc <= from && shifts[^1].EndUtc >= from.AddDays(28), "the shifts must cover the window");
        Assert.All(shifts, s => Assert.True(s.Length > TimeSpan.Zero, $"{s} is empty"));
        Assert.All(shifts.Zip(shifts.Skip(1)), p => Assert.Equal(p.First.EndUtc, p.Second.StartUtc));
    }

    [Fact]
    public void Shifts_NextFourWeeks_ShiftsWithPeopleKeepTheirWholeBounds()
    {
        var from = Utc("2026-01-06T12:00Z");

        var shifts = OnCallSchedule.Shifts(Weekly, NoOverrides, from, from.AddDays(28));

        Assert.Equal(Utc("2026-01-05T08:00Z"), shifts[0].StartUtc);
        Assert.Equal(Utc("2026-02-09T08:00Z"), shifts[^1].EndUtc);
        Assert.Equal(5, shifts.Count);
    }

    [Fact]
    public void WhoIsOnCall_SecondaryPlanWithOwnOverrides_IndependentOfPrimary()
    {
        var secondary = Daily(NewYork, new DateOnly(2026, 1, 5)) with { Participants = ["erin", "finn"] };
        OverridePlan[] primaryOverrides = [new("dan", Utc("2026-01-05T00:00Z"), Utc("2026-01-10T00:00Z"))];

        var primary = OnCallSchedule.WhoIsOnCall(Weekly, primaryOverrides, Utc("2026-01-06T15:00Z"));
        var second = OnCallSchedule.WhoIsOnCall(secondary, NoOverrides, Utc("2026-01-06T15:00Z"));

        Assert.Equal("dan", primary.PersonName);
        Assert.Equal(("finn", Utc("2026-01-06T14:00Z")), (second.PersonName, second.ShiftStartUtc));
    }

    [Fact]
    public void WhoIsOnCall_UnknownTimeZone_ThrowsNamingTimeZone()
    {
        var ex = Assert.Throws<DomainValidationException>(
            () => OnCallSchedule.WhoIsOnCall(Weekly with { TimeZoneId = "Mars/Olympus_Mons" }, NoOverrides, Utc("2026-01-06T12:00Z")));

        Assert.Equal("timeZone", ex.Field);
    }
}
