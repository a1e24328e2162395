namespace Portal.Web.Components.Layout;

/// <summary>The theme a person chose, or <see cref="System"/>: follow the operating system's light or dark setting.</summary>
public enum ThemeChoice
{
    System,
    Light,
    Dark,
}
