namespace Portal.Web.Components.Layout;

/// <summary>
/// How the person at this browser wants Portal shown, remembered in cookies (<see cref="ThemeCookie"/>, …) so the
/// first render of a page already uses it. Read by <c>App.razor</c> from the request, handed to the interactive
/// root (<c>Routes</c>) as a parameter, and kept for the circuit by <see cref="ViewerContext"/>.
/// </summary>
/// <param name="Theme">Light, dark, or follow the operating system.</param>
/// <param name="SystemDark">What the operating system said last time the browser was asked; used while <see cref="Theme"/> is System.</param>
/// <param name="ChosenTimeZone">The IANA time zone the viewer chose on their settings page, if any.</param>
/// <param name="BrowserTimeZone">The browser's own time zone, as it last reported it.</param>
public sealed record ViewerSettings(ThemeChoice Theme, bool SystemDark, string? ChosenTimeZone = null, string? BrowserTimeZone = null)
{
    public const string ThemeCookie = "portal-theme";
    public const string SystemThemeCookie = "portal-system-theme";
    public const string TimeZoneCookie = "portal-tz";
    public const string BrowserTimeZoneCookie = "portal-browser-tz";

    public static ViewerSettings Default { get; } = new(ThemeChoice.System, false);

    /// <summary>Dark if chosen, or if following a system that is dark.</summary>
    public bool IsDark => Theme == ThemeChoice.Dark || (Theme == ThemeChoice.System && SystemDark);

    /// <summary>The zone times are shown in: the chosen one, else the browser's, else UTC (until the browser has said).</summary>
    public string TimeZoneId => Known(ChosenTimeZone) ?? Known(BrowserTimeZone) ?? "UTC";

    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    /// <summary>Reads the cookies of a request; anything missing or unreadable falls back to the defaults.</summary>
    public static ViewerSettings FromCookies(Func<string, string?> cookie)
    {
        var theme = cookie(ThemeCookie) switch
        {
            "dark" => ThemeChoice.Dark,
            "light" => ThemeChoice.Light,
            _ => ThemeChoice.System,
        };
        return new ViewerSettings(theme, cookie(SystemThemeCookie) == "dark", Known(cookie(TimeZoneCookie)), Known(cookie(BrowserTimeZoneCookie)));
    }

    /// <summary>The id when this machine knows the zone; a cookie is user input and may name anything.</summary>
    public static string? Known(string? timeZoneId) =>
        !string.IsNullOrWhiteSpace(timeZoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out _) ? timeZoneId : null;
}
