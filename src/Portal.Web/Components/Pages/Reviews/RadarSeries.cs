namespace Portal.Web.Components.Pages.Reviews;

/// <summary>One shape on a <see cref="RadarOverlay"/>: a value from 0 to 1 per signal, its label, colour and stroke pattern.</summary>
public sealed record RadarSeries(string Label, IReadOnlyList<double> Values, string Colour, bool Dashed = false);
