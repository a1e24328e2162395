using Portal.Domain.Signals;

namespace Portal.Domain.Scorecards.Records;

/// <summary>
/// The stored scorecard of one service: its levels (one column per signal, so lists filter and roll-ups count in
/// SQL) and every result with its evidence (JSON). Rewritten only when the evaluation gives something different.
/// </summary>
public sealed class ServiceScorecardRecord
{
    private ServiceScorecardRecord()
    {
    }

    public ServiceScorecardRecord(Guid serviceId) => ServiceId = serviceId;

    public Guid ServiceId { get; private set; }

    public int FrameworkVersion { get; private set; }

    public DateTime EvaluatedAt { get; private set; }

    public ScoreLevel Overall { get; private set; }

    public ScoreLevel Coordination { get; private set; }

    public ScoreLevel DataModel { get; private set; }

    public ScoreLevel CascadingFailures { get; private set; }

    public ScoreLevel Observability { get; private set; }

    public ScoreLevel DeliveryPipeline { get; private set; }

    public ScoreLevel TeamTopology { get; private set; }

    public ScoreLevel CompoundingShortcuts { get; private set; }

    /// <summary>Results that fail or are unknown, for sorting and the list page.</summary>
    public int Failing { get; private set; }

    public int Flagged { get; private set; }

    public int Exempt { get; private set; }

    public List<CriterionResult> Results { get; private set; } = [];

    /// <summary>A fingerprint of the results without their evaluation time: unchanged fingerprint, no write.</summary>
    public string Fingerprint { get; private set; } = "";

    public ScoreLevel Level(ScalingSignal signal) => signal switch
    {
        ScalingSignal.Coordination => Coordination,
        ScalingSignal.DataModel => DataModel,
        ScalingSignal.CascadingFailures => CascadingFailures,
        ScalingSignal.Observability => Observability,
        ScalingSignal.DeliveryPipeline => DeliveryPipeline,
        ScalingSignal.TeamTopology => TeamTopology,
        _ => CompoundingShortcuts,
    };

    public IReadOnlyDictionary<ScalingSignal, ScoreLevel> Levels() => ScalingSignals.All.ToDictionary(s => s, Level);

    /// <summary>Takes a new evaluation; returns false (and changes nothing) when only the evaluation time differs.</summary>
    public bool Record(ServiceScorecard card, string fingerprint)
    {
        if (fingerprint == Fingerprint && card.FrameworkVersion == FrameworkVersion)
        {
            return false;
        }

        FrameworkVersion = card.FrameworkVersion;
        EvaluatedAt = card.EvaluatedAt;
        Overall = card.Overall;
        Coordination = card.Levels[ScalingSignal.Coordination];
        DataModel = card.Levels[ScalingSignal.DataModel];
        CascadingFailures = card.Levels[ScalingSignal.CascadingFailures];
        Observability = card.Levels[ScalingSignal.Observability];
        DeliveryPipeline = card.Levels[ScalingSignal.DeliveryPipeline];
        TeamTopology = card.Levels[ScalingSignal.TeamTopology];
        CompoundingShortcuts = card.Levels[ScalingSignal.CompoundingShortcuts];
        Failing = card.Results.Count(r => !r.Upcoming && r.Status is CriterionStatus.Fail or CriterionStatus.Unknown);
        Flagged = card.Results.Count(r => r.Flagged);
        Exempt = card.Results.Count(r => r.Status == CriterionStatus.Exempt);
        Results = [.. card.Results];
        Fingerprint = fingerprint;
        return true;
    }
}
