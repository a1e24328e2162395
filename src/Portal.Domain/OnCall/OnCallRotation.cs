using System.Text.RegularExpressions;
using Portal.Domain.Catalog;
using Portal.Domain.Common;

namespace Portal.Domain.OnCall;

/// <summary>
/// A team's on-call rotation at one <see cref="OnCallLevel"/>: who takes turns, how long a shift
/// lasts, when and in which zone shifts hand off, and who covers for whom. Scheduling itself is done
/// by <see cref="OnCallSchedule"/> over <see cref="ToPlan"/>, so this class only guards the rules.
/// </summary>
public sealed partial class OnCallRotation : Entity, IVersioned
{
    public const int MaxNameLength = 100;
    public const int MaxExternalScheduleIdLength = 100;
    public const int MaxTimeZoneIdLength = 64;

    private readonly List<OnCallParticipant> _participants = [];
    private readonly List<OnCallOverride> _overrides = [];

    private OnCallRotation()
    {
    }

    public OnCallRotation(
        Team team,
        OnCallLevel level,
        string name,
        int shiftLengthDays,
        TimeOnly handoffTime,
        string timeZoneId,
        DateOnly startDate)
    {
        Team = team;
        TeamId = team.Id;
        Level = level;
        Rename(name);
        SetShift(shiftLengthDays, handoffTime, timeZoneId, startDate);
    }

    /// <summary>A rotation whose shift length is given in days or weeks.</summary>
    public static OnCallRotation Create(
        Team team,
        OnCallLevel level,
        string name,
        int shiftLength,
        ShiftUnit unit,
        TimeOnly handoffTime,
        string timeZoneId,
        DateOnly startDate) =>
        new(team, level, name, ToDays(shiftLength, unit), handoffTime, timeZoneId, startDate);

    public Guid TeamId { get; private set; }

    public Team Team { get; private set; } = null!;

    public OnCallLevel Level { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>1 to 28 local days; whole weeks are multiples of 7.</summary>
    public int ShiftLengthDays { get; private set; } = 7;

    /// <summary>Local wall-clock time in <see cref="TimeZoneId"/>; stays put across DST changes.</summary>
    public TimeOnly HandoffTime { get; private set; }

    /// <summary>IANA zone id, e.g. <c>Europe/Berlin</c>.</summary>
    public string TimeZoneId { get; private set; } = "UTC";

    /// <summary>Local date of the first hand-off; nobody is on call before it.</summary>
    public DateOnly StartDate { get; private set; }

    public ExternalScheduleProvider ExternalScheduleProvider { get; private set; }

    public string? ExternalScheduleId { get; private set; }

    public int Version { get; private set; }

    /// <summary>Participants in no particular order; <see cref="OnCallParticipant.Position"/> gives the turn.</summary>
    public IReadOnlyCollection<OnCallParticipant> Participants => _participants;

    public IReadOnlyCollection<OnCallOverride> Overrides => _overrides;

    public void IncrementVersion() => Version++;

    /// <summary>Days in a shift of <paramref name="length"/> <paramref name="unit"/>s, within 1..28.</summary>
    public static int ToDays(int length, ShiftUnit unit) =>
        OnCallSchedule.RequireShiftLength(unit == ShiftUnit.Weeks ? checked(length * 7) : length);

    public void Rename(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainValidationException("name", "a rotation needs a name");
        }

        name = name.Trim();
        Name = name.Length <= MaxNameLength
            ? name
            : throw new DomainValidationException("name", $"is longer than {MaxNameLength} characters");
        Touch();
    }

    /// <summary>
    /// Sets who takes turns, in order; a person may appear more than once to take more turns. Load
    /// <see cref="Participants"/> first, or the old turns stay alongside the new ones.
    /// </summary>
    public void SetParticipants(IEnumerable<Person> people)
    {
        var list = people.ToList();
        var existing = _participants.OrderBy(p => p.Position).ToList();

        // Rows are reused by position so the unique (rotation, position) index never sees two rows
        // with one position inside a single save.
        for (var i = 0; i < list.Count; i++)
        {
            if (i < existing.Count)
            {
                existing[i].Assign(list[i], i);
            }
            else
            {
                _participants.Add(new OnCallParticipant(this, list[i], i));
            }
        }

        foreach (var extra in existing.Skip(list.Count))
        {
            _participants.Remove(extra);
        }

        Touch();
    }

    /// <summary>Changes shift length, hand-off time, zone and start together, since they only make sense together.</summary>
    public void SetShift(int days, TimeOnly handoff, string timeZoneId, DateOnly start)
    {
        var length = OnCallSchedule.RequireShiftLength(days);
        var zone = OnCallSchedule.FindTimeZone(timeZoneId);
        ShiftLengthDays = length;
        HandoffTime = handoff;
        TimeZoneId = CanonicalId(zone);
        StartDate = start;
        Touch();
    }

    public void SetShift(int length, ShiftUnit unit, TimeOnly handoff, string timeZoneId, DateOnly start) =>
        SetShift(ToDays(length, unit), handoff, timeZoneId, start);

    /// <summary>Points at the schedule in PagerDuty or Opsgenie; <see cref="ExternalScheduleProvider.None"/> removes the link.</summary>
    public void LinkExternalSchedule(ExternalScheduleProvider provider, string? id)
    {
        if (provider == ExternalScheduleProvider.None)
        {
            ExternalScheduleProvider = provider;
            ExternalScheduleId = null;
            Touch();
            return;
        }

        id = id?.Trim();

        // The id becomes part of a URL shown as a link, so only the characters real ids use pass.
        if (string.IsNullOrEmpty(id) || id.Length > MaxExternalScheduleIdLength || !ExternalIdPattern().IsMatch(id))
        {
            throw new DomainValidationException(
                "externalSchedule",
                $"'{id}' is not a {provider} schedule id (letters, digits, '-' and '_', at most {MaxExternalScheduleIdLength})");
        }

        ExternalScheduleProvider = provider;
        ExternalScheduleId = id;
        Touch();
    }

    /// <summary>Link to the external schedule, or null when there is none.</summary>
    public string? ExternalScheduleUrl(ExternalScheduleLinks? links = null) => ScheduleUrl(ExternalScheduleProvider, ExternalScheduleId, links);

    /// <summary>Link to a schedule in PagerDuty or Opsgenie, or null for <see cref="ExternalScheduleProvider.None"/>.</summary>
    public static string? ScheduleUrl(ExternalScheduleProvider provider, string? id, ExternalScheduleLinks? links = null)
    {
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        links ??= new ExternalScheduleLinks();
        return provider switch
        {
            ExternalScheduleProvider.PagerDuty => $"https://{links.PagerDutySubdomain}.pagerduty.com/schedules/{Uri.EscapeDataString(id)}",
            ExternalScheduleProvider.Opsgenie => $"{links.OpsgenieUrl.ToString().TrimEnd('/')}/schedule/whoisoncall/{Uri.EscapeDataString(id)}",
            _ => null,
        };
    }

    /// <summary>
    /// Lets <paramref name="person"/> cover <c>[startUtc, endUtc)</c>. Checks against the overrides
    /// loaded with this rotation, so load them all first. Touching the rotation makes two people adding
    /// overlapping overrides at once collide on <see cref="Version"/> instead of both succeeding.
    /// </summary>
    /// <remarks>Unspecified kinds are taken as UTC; local kinds are converted.</remarks>
    public OnCallOverride AddOverride(Person person, DateTime startUtc, DateTime endUtc)
    {
        var start = AsUtc(startUtc);
        var end = AsUtc(endUtc);
        var candidate = new OverridePlan(person.Ref, new DateTimeOffset(start), new DateTimeOffset(end));
        OnCallSchedule.RequireWindow(candidate);
        var clash = _overrides.Where(o => o.StartUtc < end && start < o.EndUtc).OrderBy(o => o.StartUtc).FirstOrDefault();
        if (clash is not null)
        {
            throw OnCallSchedule.Overlap(candidate, clash.Describe());
        }

        var added = new OnCallOverride(this, person, start, end);
        _overrides.Add(added);
        Touch();
        return added;
    }

    public bool RemoveOverride(Guid id)
    {
        var removed = _overrides.RemoveAll(o => o.Id == id) > 0;
        if (removed)
        {
            Touch();
        }

        return removed;
    }

    /// <summary>The rotation as plain data. Needs <see cref="Participants"/> loaded with their <see cref="OnCallParticipant.Person"/>.</summary>
    public RotationPlan ToPlan() => new(
        [.. _participants.OrderBy(p => p.Position).Select(p => p.PersonRef())],
        ShiftLengthDays,
        HandoffTime,
        TimeZoneId,
        StartDate);

    /// <summary>The loaded overrides as plain data, earliest first.</summary>
    public IReadOnlyList<OverridePlan> OverridePlans() => [.. _overrides.OrderBy(o => o.StartUtc).Select(o => o.ToPlan())];

    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    /// <summary>Stores the IANA id even when a Windows id was given, so the row means the same on every host.</summary>
    private static string CanonicalId(TimeZoneInfo zone) =>
        !zone.HasIanaId && TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana : zone.Id;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ExternalIdPattern();
}
