namespace Portal.Domain.Scorecards;

/// <summary>The seven signals in display order, with their keys and titles.</summary>
public static class ScalingSignals
{
    /// <summary>Every signal, in the order pages, charts and the API list them.</summary>
    public static IReadOnlyList<SignalInfo> All { get; } =
    [
        new(ScalingSignal.Coordination, "coordination", "Coordination", "Does work wait on other work more than on machines?"),
        new(ScalingSignal.DataOwnership, "data-ownership", "Data ownership", "Can the data model change without a meeting of every team?"),
        new(ScalingSignal.Resilience, "resilience", "Failure isolation", "Does one slow dependency stay a local problem?"),
        new(ScalingSignal.Observability, "observability", "Observability", "Will we know what is wrong before customers tell us?"),
        new(ScalingSignal.Delivery, "delivery", "Delivery", "Is shipping a change routine, small and reversible?"),
        new(ScalingSignal.TeamTopology, "team-topology", "Ownership", "Does every part have one team that answers for it?"),
        new(ScalingSignal.TechDebt, "tech-debt", "Tech debt", "Are shortcuts visible, ranked and paid down on purpose?"),
    ];

    /// <summary>Information about one signal.</summary>
    public static SignalInfo Info(ScalingSignal signal) => All[(int)signal];

    /// <summary>The signal with this key or title (case-insensitive), or null.</summary>
    public static ScalingSignal? Parse(string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return null;
        }

        var k = key.Trim();
        return All.FirstOrDefault(s => string.Equals(s.Key, k, StringComparison.OrdinalIgnoreCase)
            || string.Equals(s.Signal.ToString(), k, StringComparison.OrdinalIgnoreCase))?.Signal;
    }
}
