using Portal.Domain.Signals;

namespace Portal.Domain.Scorecards;

/// <summary>
/// What it takes to raise one signal by one level: the criteria at or below the next level that neither
/// pass nor are exempt, with their estimated days. <see cref="Priority"/> ranks steps across services:
/// the blast-radius weight per day of effort, so a cheap fix on a service many others depend on comes first.
/// </summary>
/// <param name="Signal">The signal raised.</param>
/// <param name="From">Its level now.</param>
/// <param name="To">The level it reaches when every listed criterion passes.</param>
/// <param name="Criteria">The criteria to fix, cheapest first.</param>
/// <param name="Days">Their estimated effort together.</param>
/// <param name="RaisesOverall">The signal is at the overall level, so raising it helps raise the overall level.</param>
/// <param name="BlastWeight">1 + log2(1 + services that fail when this one fails).</param>
/// <param name="Priority"><paramref name="BlastWeight"/> per day of effort.</param>
public sealed record NextStep(
    ScalingSignal Signal,
    ScoreLevel From,
    ScoreLevel To,
    IReadOnlyList<CriterionDefinition> Criteria,
    double Days,
    bool RaisesOverall,
    double BlastWeight,
    double Priority);
