namespace Portal.Domain.Reviews.Snapshots;

/// <summary>How complete the teams' self-assessment was, and the exemptions, when a review closed.</summary>
/// <param name="Expected">Self-assessed answers the scope needs (services × active self-assessed criteria, exempt ones left out).</param>
/// <param name="Current">Of those, answered and not expired.</param>
/// <param name="Unanswered">Never answered.</param>
/// <param name="Expired">Answered, but expired.</param>
/// <param name="Flagged">Answers that automatic evidence contradicts.</param>
/// <param name="ServicesWithoutAssessment">Services with no current answer at all.</param>
/// <param name="ExemptionsActive">Approved exemptions in force.</param>
/// <param name="ExemptionsEndingThisQuarter">Of those, ending by the end of the review's quarter.</param>
public sealed record SnapshotReadiness(
    int Expected, int Current, int Unanswered, int Expired, int Flagged, int ServicesWithoutAssessment, int ExemptionsActive, int ExemptionsEndingThisQuarter)
{
    /// <summary>Share (0–1) of expected answers that are current; 1 when none are expected.</summary>
    public double Progress => Expected == 0 ? 1 : (double)Current / Expected;
}
