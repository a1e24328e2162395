namespace Portal.Domain.Scorecards;

/// <summary>How a signal is named and explained on pages, in the API and in framework YAML.</summary>
/// <param name="Signal">The signal.</param>
/// <param name="Key">Kebab-case key used in YAML and the API, e.g. <c>data-ownership</c>.</param>
/// <param name="Title">Short title for axes and headings.</param>
/// <param name="Question">The question the signal asks of a service, in one line.</param>
public sealed record SignalInfo(ScalingSignal Signal, string Key, string Title, string Question);
