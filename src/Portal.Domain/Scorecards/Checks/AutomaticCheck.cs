namespace Portal.Domain.Scorecards.Checks;

/// <summary>One automatic check: an id criteria refer to, what it looks at, its thresholds with defaults, and the function.</summary>
/// <param name="Id">Stable id, e.g. <c>sync-timeouts</c>.</param>
/// <param name="Description">What it checks, for the framework editor and the docs.</param>
/// <param name="Defaults">Thresholds and their default values; a criterion may override any of them.</param>
/// <param name="Evaluate">The check itself: pure, no I/O.</param>
public sealed record AutomaticCheck(
    string Id,
    string Description,
    IReadOnlyDictionary<string, double> Defaults,
    Func<CheckContext, CheckOutcome> Evaluate);
