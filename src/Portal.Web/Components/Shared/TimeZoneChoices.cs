namespace Portal.Web.Components.Shared;

/// <summary>The IANA time zones people pick from (<c>Europe/Berlin</c>, <c>UTC</c>), ranked the way pickers rank names.</summary>
public static class TimeZoneChoices
{
    /// <summary>Every region/city zone this machine knows, and UTC; no legacy aliases like <c>EST5EDT</c>.</summary>
    public static IReadOnlyList<string> Ids { get; } =
        [.. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id.Contains('/', StringComparison.Ordinal) || id == "UTC").Order(StringComparer.Ordinal)];

    /// <summary>
    /// Zones matching <paramref name="text"/>: the exact id first, then zones whose city starts with it ("berl" → Europe/Berlin),
    /// then ids starting with it, then any that contain it.
    /// </summary>
    public static IReadOnlyList<string> Search(string? text, int take = 20)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [.. Ids.Take(take)];
        }

        var term = text.Trim().Replace(' ', '_');
        return [.. Ids.Where(z => z.Contains(term, StringComparison.OrdinalIgnoreCase))
            .OrderBy(z => Rank(z, term)).ThenBy(z => z, StringComparer.Ordinal).Take(take)];
    }

    private static int Rank(string zone, string term) =>
        string.Equals(zone, term, StringComparison.OrdinalIgnoreCase) ? 0
        : zone[(zone.LastIndexOf('/') + 1)..].StartsWith(term, StringComparison.OrdinalIgnoreCase) ? 1
        : zone.StartsWith(term, StringComparison.OrdinalIgnoreCase) ? 2
        : 3;
}
