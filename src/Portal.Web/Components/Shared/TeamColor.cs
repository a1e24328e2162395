namespace Portal.Web.Components.Shared;

/// <summary>A team's colour in pictures: a strong one for outlines and swatches, a pale one for fills behind text.</summary>
public sealed record TeamColor(string Strong, string Pale);
