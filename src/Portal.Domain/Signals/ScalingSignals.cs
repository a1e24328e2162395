namespace Portal.Domain.Signals;

/// <summary>Names and one-line descriptions of the <see cref="ScalingSignal"/>s, in Portal's own words.</summary>
public static class ScalingSignals
{
    /// <summary>Every signal, in presentation order.</summary>
    public static IReadOnlyList<ScalingSignal> All { get; } = Enum.GetValues<ScalingSignal>();

    /// <summary>A short name for chips, column headers and filters.</summary>
    public static string Title(ScalingSignal signal) => signal switch
    {
        ScalingSignal.Coordination => "Coordination",
        ScalingSignal.DataModel => "Data model",
        ScalingSignal.CascadingFailures => "Cascading failures",
        ScalingSignal.Observability => "Observability",
        ScalingSignal.DeliveryPipeline => "Delivery pipeline",
        ScalingSignal.TeamTopology => "Team topology",
        ScalingSignal.CompoundingShortcuts => "Compounding shortcuts",
        _ => signal.ToString(),
    };

    /// <summary>What the signal is about, in one sentence.</summary>
    public static string Description(ScalingSignal signal) => signal switch
    {
        ScalingSignal.Coordination => "Work waits on other work: contention, locks and synchronous chains cost more than CPU.",
        ScalingSignal.DataModel => "The data model slows the product down: shared databases and migrations that need a meeting.",
        ScalingSignal.CascadingFailures => "One slow service takes others down: retries, missing timeouts, no breakers or fallbacks.",
        ScalingSignal.Observability => "Not knowing costs more than the bug: no traces, no correlation, no definition of healthy.",
        ScalingSignal.DeliveryPipeline => "Shipping is slow or scary: manual rollbacks, no progressive delivery, drifting environments.",
        ScalingSignal.TeamTopology => "Team boundaries and system boundaries disagree: unclear ownership, on-call without ownership.",
        ScalingSignal.CompoundingShortcuts => "Temporary decisions pile up into risk: shortcuts nobody tracks, ranks or pays down.",
        _ => "",
    };

    /// <summary>Reads a signal by its name (<c>DataModel</c>, case-insensitive), its title (<c>Data model</c>) or its number (<c>2</c>).</summary>
    public static bool TryParse(string? text, out ScalingSignal signal)
    {
        signal = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            signal = (ScalingSignal)number;
            return Enum.IsDefined(signal);
        }

        var compact = text.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        foreach (var s in All)
        {
            if (string.Equals(s.ToString(), compact, StringComparison.OrdinalIgnoreCase))
            {
                signal = s;
                return true;
            }
        }

        return false;
    }
}
