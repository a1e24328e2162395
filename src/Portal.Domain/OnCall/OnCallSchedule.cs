using System.Globalization;
using Portal.Domain.Common;

namespace Portal.Domain.OnCall;

/// <summary>
/// Pure on-call arithmetic over <see cref="RotationPlan"/> and <see cref="OverridePlan"/>: no EF, no
/// clock, so it is unit-tested and benchmarked in isolation and the UI, API and queries agree.
/// </summary>
public static class OnCallSchedule
{
    public const int MinShiftLengthDays = 1;
    public const int MaxShiftLengthDays = 28;
    public const string EmptyRotationWarning = "the rotation has no participants, so nobody is on call";

    /// <summary>Who covers <paramref name="at"/>, with the bounds of the stretch they cover.</summary>
    public static OnCallResult WhoIsOnCall(RotationPlan plan, IReadOnlyList<OverridePlan> overrides, DateTimeOffset at)
    {
        var s = Timeline(plan, overrides, at, at.AddTicks(1))[0];
        return new OnCallResult(
            s.Person,
            s.Start == DateTimeOffset.MinValue ? null : s.Start,
            s.End == DateTimeOffset.MaxValue ? null : s.End,
            s.IsOverride,
            s.Warning);
    }

    /// <summary>
    /// The stretches covering <c>[from, to)</c> in order, without gaps or overlaps. Stretches with a
    /// person keep their real bounds, so the first may start before <paramref name="from"/> and the
    /// last end after <paramref name="to"/>; stretches with nobody on call are cut to the window
    /// because they may have no bound at all. Overrides split shifts at their edges.
    /// </summary>
    public static IReadOnlyList<OnCallShift> Shifts(
        RotationPlan plan, IReadOnlyList<OverridePlan> overrides, DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, "must be after 'from'");
        }

        from = from.ToUniversalTime();
        to = to.ToUniversalTime();
        return
        [
            .. Timeline(plan, overrides, from, to).Select(s => s.Person is null
                ? new OnCallShift(null, Later(s.Start, from), Earlier(s.End, to), s.IsOverride, s.Warning)
                : new OnCallShift(s.Person, s.Start, s.End, s.IsOverride, s.Warning)),
        ];
    }

    /// <summary>Rejects an override that ends before it starts and any two that overlap; touching is fine.</summary>
    public static void ValidateOverrides(IEnumerable<OverridePlan> overrides)
    {
        var sorted = overrides.OrderBy(o => o.StartUtc).ToList();
        foreach (var o in sorted)
        {
            RequireWindow(o);
        }

        // Sorted by start, any overlap shows up between neighbours.
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].StartUtc < sorted[i - 1].EndUtc)
            {
                throw Overlap(sorted[i], sorted[i - 1]);
            }
        }
    }

    /// <summary>The zone for an IANA id, or a <see cref="DomainValidationException"/> naming <c>timeZone</c>.</summary>
    public static TimeZoneInfo FindTimeZone(string? timeZoneId)
    {
        if (string.IsNullOrWhiteSpace(timeZoneId))
        {
            throw new DomainValidationException("timeZone", "is required, e.g. Europe/Berlin");
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(timeZoneId.Trim());
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new DomainValidationException(
                "timeZone", $"'{timeZoneId}' is not a known IANA time zone such as Europe/Berlin or America/New_York");
        }
    }

    /// <summary>Throws a <see cref="DomainValidationException"/> naming <c>shiftLength</c> outside 1..28 days.</summary>
    public static int RequireShiftLength(int days) =>
        days is >= MinShiftLengthDays and <= MaxShiftLengthDays
            ? days
            : throw new DomainValidationException(
                "shiftLength", $"must be {MinShiftLengthDays} to {MaxShiftLengthDays} days (up to 4 weeks), not {days}");

    /// <summary>
    /// The UTC instant of a local wall-clock time, by the zone's rules on that date. A time skipped
    /// by a spring-forward gap becomes the first instant after the gap (the transition itself); a
    /// time that occurs twice at fall-back becomes the earlier occurrence, so nobody's shift is
    /// silently stretched by the repeated hour.
    /// </summary>
    internal static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // TimeZoneInfo cannot name the transition instant directly, so search for it between the
            // readings of the local time under the offsets on either side of the gap.
            var before = zone.GetUtcOffset(local.AddDays(-1));
            var after = zone.GetUtcOffset(local.AddDays(1));
            var lo = (local - after).Ticks;
            var hi = (local - before).Ticks;
            while (hi - lo > 1)
            {
                var mid = lo + ((hi - lo) / 2);
                if (TimeZoneInfo.ConvertTimeFromUtc(new DateTime(mid, DateTimeKind.Utc), zone) >= local)
                {
                    hi = mid;
                }
                else
                {
                    lo = mid;
                }
            }

            return new DateTimeOffset(hi, TimeSpan.Zero);
        }

        var offset = zone.IsAmbiguousTime(local)
            ? zone.GetAmbiguousTimeOffsets(local).Max()
            : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>UTC start of shift <paramref name="index"/> (0 is the first).</summary>
    public static DateTimeOffset ShiftStart(RotationPlan plan, int index) =>
        ShiftStart(plan, FindTimeZone(plan.TimeZoneId), index);

    internal static string NotStartedWarning(RotationPlan plan) => string.Create(
        CultureInfo.InvariantCulture,
        $"rotation starts on {plan.StartDate:yyyy-MM-dd} at {plan.HandoffTime:HH:mm} {plan.TimeZoneId}; nobody is on call before then");

    internal static string Describe(OverridePlan o) => string.Create(
        CultureInfo.InvariantCulture,
        $"{o.PersonName} [{o.StartUtc.UtcDateTime:u}, {o.EndUtc.UtcDateTime:u})");

    internal static DomainValidationException Overlap(OverridePlan added, OverridePlan existing) => new(
        "override",
        $"{Describe(added)} overlaps {Describe(existing)}; overrides of one rotation may touch but not overlap");

    internal static void RequireWindow(OverridePlan o)
    {
        if (o.EndUtc <= o.StartUtc)
        {
            throw new DomainValidationException("override", $"{Describe(o)} must end after it starts");
        }
    }

    private static DateTimeOffset ShiftStart(RotationPlan plan, TimeZoneInfo zone, int index) =>
        ToUtc(plan.StartDate.AddDays(checked(index * plan.ShiftLengthDays)).ToDateTime(plan.HandoffTime), zone);

    /// <summary>Index of the shift containing <paramref name="at"/>, which is at or after the first hand-off.</summary>
    private static int ShiftIndex(RotationPlan plan, TimeZoneInfo zone, DateTimeOffset at)
    {
        // The local date gives the index up to the hand-off time; step once either way to settle it.
        var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
        var days = localDate.DayNumber - plan.StartDate.DayNumber;
        var index = Math.Max(0, (int)Math.Floor(days / (double)plan.ShiftLengthDays));
        while (index > 0 && ShiftStart(plan, zone, index) > at)
        {
            index--;
        }

        while (ShiftStart(plan, zone, index + 1) <= at)
        {
            index++;
        }

        return index;
    }

    /// <summary>
    /// Stretches intersecting <c>[from, to)</c>, contiguous, with MinValue/MaxValue standing for
    /// "no bound" on stretches with nobody on call.
    /// </summary>
    private static List<Segment> Timeline(
        RotationPlan plan, IReadOnlyList<OverridePlan> overrides, DateTimeOffset from, DateTimeOffset to)
    {
        RequireShiftLength(plan.ShiftLengthDays);
        ValidateOverrides(overrides);
        var zone = FindTimeZone(plan.TimeZoneId);
        var rotation = RotationSegments(plan, zone, from, to);
        var spanStart = rotation[0].Start;
        var spanEnd = rotation[^1].End;
        var covering = overrides
            .Where(o => o.EndUtc > spanStart && o.StartUtc < spanEnd)
            .Select(o => new Segment(o.PersonName, o.StartUtc.ToUniversalTime(), o.EndUtc.ToUniversalTime(), true, null))
            .OrderBy(o => o.Start)
            .ToList();

        var result = new List<Segment>(rotation.Count + (2 * covering.Count));
        foreach (var shift in rotation)
        {
            var cursor = shift.Start;
            foreach (var o in covering.Where(o => o.Start < shift.End && o.End > shift.Start))
            {
                if (o.Start > cursor)
                {
                    result.Add(shift with { Start = cursor, End = o.Start });
                }

                cursor = Later(cursor, o.End);
            }

            if (cursor < shift.End)
            {
                result.Add(shift with { Start = cursor });
            }
        }

        result.AddRange(covering);
        return [.. result.Where(s => s.End > from && s.Start < to).OrderBy(s => s.Start)];
    }

    /// <summary>Rotation shifts alone, from the one containing <paramref name="from"/> to the one containing <c>to - 1 tick</c>.</summary>
    private static List<Segment> RotationSegments(RotationPlan plan, TimeZoneInfo zone, DateTimeOffset from, DateTimeOffset to)
    {
        if (plan.Participants.Count == 0)
        {
            return [new Segment(null, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, false, EmptyRotationWarning)];
        }

        var segments = new List<Segment>();
        var first = ShiftStart(plan, zone, 0);
        int index;
        if (from < first)
        {
            segments.Add(new Segment(null, DateTimeOffset.MinValue, first, false, NotStartedWarning(plan)));
            index = 0;
        }
        else
        {
            index = ShiftIndex(plan, zone, from);
        }

        var start = ShiftStart(plan, zone, index);
        while (segments.Count == 0 || segments[^1].End < to)
        {
            var end = ShiftStart(plan, zone, index + 1);
            if (end > start)
            {
                segments.Add(new Segment(plan.Participants[index % plan.Participants.Count], start, end, false, null));
            }

            start = end;
            index++;
        }

        return segments;
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;

    private static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;

    private readonly record struct Segment(string? Person, DateTimeOffset Start, DateTimeOffset End, bool IsOverride, string? Warning);
}
