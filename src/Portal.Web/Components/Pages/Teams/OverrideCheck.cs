using Portal.Domain.OnCall;
using Portal.Domain.OnCall.Queries;
using Portal.Web.Components.Shared;

namespace Portal.Web.Components.Pages.Teams;

/// <summary>
/// Says in a sentence what is wrong with an override before it is sent: an end before the start, or a window that
/// overlaps an override already there (with its person and times in the viewer's zone, and what to do instead).
/// The domain refuses the same things; this is where they are put in words a person reads at 3 a.m.
/// </summary>
public static class OverrideCheck
{
    public static string? Problem(IEnumerable<OverrideDto> existing, DateTimeOffset from, DateTimeOffset until, TimeZoneInfo zone)
    {
        if (until <= from)
        {
            return $"The override has to end after it starts: it starts {ViewerTime.FormatLabelled(from, zone)} and ends {ViewerTime.FormatLabelled(until, zone)}.";
        }

        var clash = existing
            .Select(o => (o.Person, Start: Utc(o.StartUtc), End: Utc(o.EndUtc)))
            .Where(o => o.Start < until && from < o.End)
            .OrderBy(o => o.Start)
            .FirstOrDefault();
        if (clash.Person is null)
        {
            return null;
        }

        return $"{clash.Person.DisplayName} already covers from {ViewerTime.Format(clash.Start, zone)} to {ViewerTime.FormatLabelled(clash.End, zone)}, "
            + "which overlaps the time you chose. Start at or after "
            + $"{ViewerTime.Format(clash.End, zone)}, end by {ViewerTime.Format(clash.Start, zone)}, or remove {clash.Person.DisplayName}'s override first.";
    }

    /// <summary>The confirmation shown once an override is saved.</summary>
    public static string Saved(string person, OnCallLevel level, DateTimeOffset from, DateTimeOffset until, TimeZoneInfo zone) =>
        $"Saved: {person} covers the {level.ToString().ToLowerInvariant()} rotation from {ViewerTime.Format(from, zone)} to {ViewerTime.FormatLabelled(until, zone)}.";

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
