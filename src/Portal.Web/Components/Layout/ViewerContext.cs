namespace Portal.Web.Components.Layout;

/// <summary>
/// The viewer's settings for one circuit (or one prerendered request): set once by <c>Routes</c> from what the request's
/// cookies said, changed by the layout when the viewer toggles the theme or the browser reports its system theme.
/// Components that show something setting-dependent read <see cref="Settings"/> and re-render on <see cref="Changed"/>.
/// </summary>
public sealed class ViewerContext
{
    public ViewerSettings Settings { get; private set; } = ViewerSettings.Default;

    /// <summary>Raised after <see cref="Settings"/> changed.</summary>
    public event Action? Changed;

    /// <summary>Takes the settings read from the request; later changes come through <see cref="Update"/>.</summary>
    public void Initialize(ViewerSettings settings) => Settings = settings;

    public void Update(ViewerSettings settings)
    {
        if (settings == Settings)
        {
            return;
        }

        Settings = settings;
        Changed?.Invoke();
    }
}
