using System.Globalization;

namespace Portal.Web.Components.Shared;

/// <summary>Instants written for a person: in a given time zone, always saying which.</summary>
public static class ViewerTime
{
    public const string DayAndTime = "ddd d MMM HH:mm";

    /// <summary>Full date and time, for logs and histories: <c>2026-12-07 07:00:05</c>.</summary>
    public const string Precise = "yyyy-MM-dd HH:mm:ss";

    /// <summary>A UTC <see cref="DateTime"/> as the database stores it, as an instant (whatever its <see cref="DateTime.Kind"/> says).</summary>
    public static DateTimeOffset FromUtc(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    /// <summary><c>Mon 7 Dec 07:00</c> in <paramref name="zone"/>, without the zone's name.</summary>
    public static string Format(DateTimeOffset instant, TimeZoneInfo zone, string pattern = DayAndTime) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString(pattern, CultureInfo.InvariantCulture);

    /// <summary><c>Mon 7 Dec 07:00 Berlin time</c>: the instant and the zone it is written in.</summary>
    public static string FormatLabelled(DateTimeOffset instant, TimeZoneInfo zone, string pattern = DayAndTime) =>
        $"{Format(instant, zone, pattern)} {Label(zone.Id)}";

    /// <summary>How a zone is named next to a time: <c>UTC</c>, <c>Berlin time</c>, <c>New York time</c>.</summary>
    public static string Label(string timeZoneId)
    {
        if (timeZoneId is "UTC" or "Etc/UTC" or "Etc/UCT" or "Universal" or "Zulu")
        {
            return "UTC";
        }

        var city = timeZoneId[(timeZoneId.LastIndexOf('/') + 1)..].Replace('_', ' ');
        return city + " time";
    }

    /// <summary>Local date and time for an <c>&lt;input type="datetime-local"&gt;</c>, in <paramref name="zone"/>.</summary>
    public static string ToInput(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Reads a <c>datetime-local</c> value meant in <paramref name="zone"/>; false when it is not a date and time.</summary>
    public static bool TryFromInput(string? text, TimeZoneInfo zone, out DateTimeOffset instant)
    {
        instant = default;
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        // A time skipped by a daylight-saving change does not exist there; take the hour after, as clocks do.
        if (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }

        instant = new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified));
        return true;
    }
}
