namespace Portal.Web.Components.Shared;

/// <summary>Shows on-call instants in the rotation's own time zone, where the hand-off time means something.</summary>
public static class OnCallTime
{
    public static string Format(DateTimeOffset? instant, string timeZoneId)
    {
        if (instant is not { } at)
        {
            return "—";
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return local.ToString("ddd d MMM HH:mm", System.Globalization.CultureInfo.InvariantCulture);
    }
}
