using System.Text.RegularExpressions;
using Portal.Domain.Signals;

namespace Portal.Domain.Scorecards;

/// <summary>How signals are spelled in framework YAML and the scorecards API: kebab-case of the name, e.g. <c>data-model</c>.</summary>
public static partial class SignalKeys
{
    /// <summary><c>CascadingFailures</c> → <c>cascading-failures</c>.</summary>
    public static string Key(ScalingSignal signal) => Boundary().Replace(signal.ToString(), "-$1").ToLowerInvariant();

    /// <summary>The signal with this key, name, title or number; null when none matches.</summary>
    public static ScalingSignal? Parse(string? text) => ScalingSignals.TryParse(text, out var signal) ? signal : null;

    /// <summary>Every key, in presentation order.</summary>
    public static IEnumerable<string> All => ScalingSignals.All.Select(Key);

    [GeneratedRegex("(?<!^)([A-Z])")]
    private static partial Regex Boundary();
}
