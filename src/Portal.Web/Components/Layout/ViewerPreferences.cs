using Microsoft.JSInterop;

namespace Portal.Web.Components.Layout;

/// <summary>
/// Changes the viewer's settings for this circuit (<see cref="ViewerContext"/>) and remembers them in this browser's
/// cookies, so the next page and the next visit start with them. Used by the settings page and the theme button.
/// </summary>
public sealed class ViewerPreferences(ViewerContext context, IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? _module;

    public ViewerSettings Settings => context.Settings;

    /// <summary>
    /// Shows times in <paramref name="timeZoneId"/> from now on; null goes back to the browser's own zone. False, and nothing
    /// changed, when the zone is not one this machine knows.
    /// </summary>
    public async Task<bool> ChooseTimeZoneAsync(string? timeZoneId)
    {
        if (timeZoneId is not null && ViewerSettings.Known(timeZoneId) is null)
        {
            return false;
        }

        context.Update(context.Settings with { ChosenTimeZone = timeZoneId });
        await RememberAsync(ViewerSettings.TimeZoneCookie, timeZoneId);
        return true;
    }

    /// <summary>Light, dark, or whatever the operating system says (the default, so no cookie).</summary>
    public async Task ChooseThemeAsync(ThemeChoice theme)
    {
        // Remembered first: once the page shows the new theme, a reload keeps it (the cookie is already written).
        await RememberAsync(ViewerSettings.ThemeCookie, theme switch
        {
            ThemeChoice.Dark => "dark",
            ThemeChoice.Light => "light",
            _ => null,
        });
        context.Update(context.Settings with { Theme = theme });
    }

    private async Task RememberAsync(string cookie, string? value)
    {
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/viewer.js");
        if (value is null)
        {
            await _module.InvokeVoidAsync("forget", cookie);
        }
        else
        {
            await _module.InvokeVoidAsync("remember", cookie, value);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone, and the module with it.
            }
        }
    }
}
