using MudBlazor;

namespace Portal.Web.Components.Layout;

/// <summary>
/// Portal's colours, light and dark. Every colour that carries text meets WCAG 2.2 AA: at least 4.5:1 against the
/// backgrounds it is drawn on (text in the colour, and white or near-black text on a filled chip or button of it).
/// The accessibility test in the end-to-end suite measures this on every page in both themes.
/// </summary>
public static class PortalTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab",
            Secondary = "#00796b",
            Info = "#1565c0",
            Success = "#2e7d32",
            Warning = "#b45309",
            Error = "#c62828",
            AppbarBackground = "#283593",
            Background = "#f7f8fb",
            TextSecondary = "rgba(0,0,0,0.62)",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#9fa8ff",
            PrimaryContrastText = "#10143a",
            Secondary = "#80cbc4",
            SecondaryContrastText = "#00201c",
            Info = "#90caf9",
            InfoContrastText = "#000000",
            Success = "#81c784",
            SuccessContrastText = "#000000",
            Warning = "#ffb74d",
            WarningContrastText = "#000000",
            Error = "#ff8a80",
            ErrorContrastText = "#000000",
            TextPrimary = "rgba(255,255,255,0.87)",
            TextSecondary = "rgba(255,255,255,0.70)",
            ActionDefault = "rgba(255,255,255,0.80)",
        },
    };
}
