using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace Portal.Web.Components.Layout;

/// <summary>
/// The frame of every signed-in page: a skip link, the app bar (menu, search, theme, account), the navigation
/// landmark and the <c>main</c> landmark. It owns the viewer's settings: the theme is the one they chose, or the
/// operating system's (followed live), and a choice is remembered in a cookie for the next visit.
/// </summary>
public partial class MainLayout : IAsyncDisposable
{
    private MudThemeProvider? _themeProvider;
    private IJSObjectReference? _module;
    private bool _drawerOpen = true;
    private bool _disposed;

    [Inject] private IJSRuntime JS { get; set; } = null!;

    [Inject] private ViewerContext Context { get; set; } = null!;

    [Inject] private ViewerPreferences Preferences { get; set; } = null!;

    private ViewerSettings Viewer => Context.Settings;

    /// <summary>The settings page changes the theme too; the frame follows at once.</summary>
    protected override void OnInitialized() => Context.Changed += OnViewerChanged;

    private void OnViewerChanged() => _ = InvokeAsync(StateHasChanged);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !RendererInfo.IsInteractive || _themeProvider is null)
        {
            return;
        }

        try
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/viewer.js");
            await _themeProvider.WatchSystemDarkModeAsync(OnSystemDarkModeChangedAsync);
            await OnSystemDarkModeChangedAsync(await _themeProvider.GetSystemDarkModeAsync());
            await LearnBrowserTimeZoneAsync();
        }
        catch (JSDisconnectedException)
        {
            // The browser left before the first render finished; there is nobody to show a theme to.
        }
        catch (ObjectDisposedException) when (_disposed)
        {
            // The layout was replaced (another layout, or the circuit closing) while the browser was still answering.
        }
    }

    private async Task OnSystemDarkModeChangedAsync(bool dark)
    {
        if (dark == Viewer.SystemDark)
        {
            return;
        }

        Context.Update(Viewer with { SystemDark = dark });
        await RememberAsync(ViewerSettings.SystemThemeCookie, dark ? "dark" : "light");
        await InvokeAsync(StateHasChanged);
    }

    /// <summary>Times are shown in the browser's zone unless the viewer chose one; the first page after a move (or the first visit) learns it.</summary>
    private async Task LearnBrowserTimeZoneAsync()
    {
        if (_disposed || _module is null)
        {
            return;
        }

        var zone = ViewerSettings.Known(await _module!.InvokeAsync<string?>("browserTimeZone"));
        if (zone is null || zone == Viewer.BrowserTimeZone)
        {
            return;
        }

        Context.Update(Viewer with { BrowserTimeZone = zone });
        await RememberAsync(ViewerSettings.BrowserTimeZoneCookie, zone);
        await InvokeAsync(StateHasChanged);
    }

    private Task ToggleThemeAsync() => Preferences.ChooseThemeAsync(Viewer.IsDark ? ThemeChoice.Light : ThemeChoice.Dark);

    private async Task SkipToMainAsync()
    {
        if (_module is not null)
        {
            await _module.InvokeVoidAsync("focusMain");
        }
    }

    private async Task RememberAsync(string cookie, string value)
    {
        if (_module is not null && !_disposed)
        {
            await _module.InvokeVoidAsync("remember", cookie, value);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        Context.Changed -= OnViewerChanged;
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

        GC.SuppressFinalize(this);
    }
}
