namespace Portal.Domain.Debt;

/// <summary>One factor of a score, with where its value came from: "why this number", one line at a time.</summary>
/// <param name="Key">Stable name for the API: <c>interest</c>, <c>probability</c>, <c>impactHours</c>, <c>tierWeight</c>, <c>blastFactor</c>, <c>urgency</c>, <c>effort</c>.</param>
/// <param name="Name">What people call it.</param>
/// <param name="Value">The value used in the formula.</param>
/// <param name="Unit">Its unit, or empty for plain multipliers.</param>
/// <param name="Source">Where the value came from: a person, the reports, the scoring table, the tier, the graph.</param>
/// <param name="Detail">How it was worked out, in a sentence.</param>
public sealed record ScoreFactor(string Key, string Name, double Value, string Unit, string Source, string Detail);
