namespace Portal.Domain.Reviews;

/// <summary>
/// How early a due date may be. Due dates are calendar days chosen where the person is, but the server only knows
/// today in UTC. Every time zone is within 14 hours of UTC (UTC−12 to UTC+14), so anyone's today is at least UTC's
/// yesterday: a due date from that day on is accepted, so a form that offers the viewer's today is never refused
/// by the server (at 17:00 in UTC−8 it is already tomorrow in UTC).
/// </summary>
public static class DueDates
{
    /// <summary>The earliest due date a new or changed action item or initiative may have, given today in UTC.</summary>
    public static DateOnly Earliest(DateOnly utcToday) => utcToday.AddDays(-1);
}
