namespace Portal.Web.Components.Layout;

/// <summary>
/// How the person at this browser wants Portal shown, remembered in cookies (<see cref="ThemeCookie"/>, …) so the
/// first render of a page already uses it. Read by <c>App.razor</c> from the request, handed to the interactive
/// root (<c>Routes</c>) as a parameter, and kept for the circuit by <see cref="ViewerContext"/>.
/// </summary>
/// <param name="Theme">Light, dark, or follow the operating system.</param>
/// <param name="SystemDark">What the operating system said last time the browser was asked; used while <see cref="Theme"/> is System.</param>
public sealed record ViewerSettings(ThemeChoice Theme, bool SystemDark)
{
    public const string ThemeCookie = "portal-theme";
    public const string SystemThemeCookie = "portal-system-theme";

    public static ViewerSettings Default { get; } = new(ThemeChoice.System, false);

    /// <summary>Dark if chosen, or if following a system that is dark.</summary>
    public bool IsDark => Theme == ThemeChoice.Dark || (Theme == ThemeChoice.System && SystemDark);

    /// <summary>Reads the cookies of a request; anything missing or unreadable falls back to the defaults.</summary>
    public static ViewerSettings FromCookies(Func<string, string?> cookie)
    {
        var theme = cookie(ThemeCookie) switch
        {
            "dark" => ThemeChoice.Dark,
            "light" => ThemeChoice.Light,
            _ => ThemeChoice.System,
        };
        return new ViewerSettings(theme, cookie(SystemThemeCookie) == "dark");
    }
}
