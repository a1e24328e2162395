using System.Diagnostics;
using System.Globalization;
using Portal.Domain.Scorecards.Commands;
using Portal.Domain.Scorecards.Checks;

namespace Portal.Domain.Scorecards.Evaluation;

/// <summary>
/// Evaluates one service against a framework version: automatic checks, self-assessed answers (expired
/// ones count as unknown; contradicted ones are flagged), pushed results (stale ones count as unknown) and
/// exemptions, then the levels. Pure: the same inputs always give the same scorecard.
/// </summary>
public static class ScorecardEvaluator
{
    /// <summary>Pushed results older than this count as unknown, unless the criterion sets <c>maxAgeDays</c>.</summary>
    public const int DefaultExternalMaxAgeDays = 30;

    /// <summary>The scorecard of one service.</summary>
    /// <param name="framework">The framework version to evaluate against.</param>
    /// <param name="service">Facts about the service.</param>
    /// <param name="graph">The dependency graph, prepared once per pass.</param>
    /// <param name="inputs">Answers, exemptions and pushed results for the service.</param>
    /// <param name="nowUtc">The evaluation time.</param>
    /// <param name="timings">When given, the time of each check, of answers, pushed results and levels is added to it.</param>
    public static ServiceScorecard Evaluate(
        ScorecardFramework framework, ServiceFacts service, ScorecardGraph graph, ServiceInputs inputs, DateTime nowUtc, EvaluationTimings? timings = null)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(inputs);
        var today = DateOnly.FromDateTime(nowUtc);
        var results = new List<CriterionResult>(framework.Criteria.Count);
        foreach (var criterion in framework.Criteria)
        {
            if (criterion.Retired)
            {
                continue;
            }

            var started = timings is null ? 0 : Stopwatch.GetTimestamp();

            // Until a changed definition takes effect, the one it replaces keeps counting (levels neither rise nor drop
            // in between); the new one is evaluated too, so the page can say what will change. A new criterion is upcoming.
            var inForce = criterion.InForceOn(today);
            var result = EvaluateOne(framework, inForce ?? criterion, service, graph, inputs, nowUtc, today);
            if (inForce is null)
            {
                result = result with { Upcoming = true };
            }
            else if (!ReferenceEquals(inForce, criterion))
            {
                var after = EvaluateOne(framework, criterion, service, graph, inputs, nowUtc, today);
                result = result with { ChangesOn = criterion.EffectiveFrom, LevelAfterChange = criterion.Level, StatusAfterChange = after.Status };
            }

            results.Add(result);
            timings?.AddPart(PartName(criterion), started);
        }

        var levelsStarted = timings is null ? 0 : Stopwatch.GetTimestamp();
        var levels = ScorecardLevels.PerSignal(results);
        var card = new ServiceScorecard(service.Ref, framework.Version, nowUtc, results, levels, ScorecardLevels.Overall(levels));
        timings?.AddPart("levels", levelsStarted);
        return card;
    }

    private static CriterionResult EvaluateOne(
        ScorecardFramework framework, CriterionDefinition criterion, ServiceFacts service, ScorecardGraph graph, ServiceInputs inputs, DateTime nowUtc, DateOnly today)
    {
        var context = new CheckContext(service, graph, criterion, nowUtc);
        var result = criterion.Mode switch
        {
            CriterionMode.Automatic => FromCheck(criterion, AutomaticChecks.Run(criterion.Check ?? "", context), framework.Version, nowUtc),
            CriterionMode.SelfAssessed => FromAnswer(criterion, inputs.Answers.FirstOrDefault(a => a.CriterionKey == criterion.Key), context, framework),
            _ => FromExternal(criterion, inputs.External.FirstOrDefault(x => x.CriterionKey == criterion.Key), framework.Version, nowUtc),
        };

        return inputs.Exemptions.FirstOrDefault(x => x.CriterionKey == criterion.Key && x.AppliesOn(today)) is { } exemption
            ? Exempt(result, exemption)
            : result;
    }

    /// <summary>
    /// The thresholds an evidence check runs with: the self-assessed criterion's own, else those of the framework's
    /// automatic criterion running the same check (so a flag and that criterion agree), else the check's defaults.
    /// </summary>
    internal static IReadOnlyDictionary<string, double>? EvidenceParameters(ScorecardFramework framework, CriterionDefinition criterion, string check, DateOnly today) =>
        criterion.Parameters is { Count: > 0 }
            ? criterion.Parameters
            : framework.Criteria.Select(c => c.InForceOn(today))
                .FirstOrDefault(c => c is { Mode: CriterionMode.Automatic } && string.Equals(c.Check, check, StringComparison.Ordinal))?.Parameters;

    private static string PartName(CriterionDefinition c) => c.Mode switch
    {
        CriterionMode.Automatic => "check " + c.Check,
        CriterionMode.SelfAssessed => "self-assessed answers",
        _ => "pushed results",
    };

    private static CriterionResult FromCheck(CriterionDefinition c, CheckOutcome outcome, int version, DateTime now) =>
        new(c.Key, c.Signal, c.Level, c.Mode, outcome.Status, outcome.Evidence, now, outcome.DataAsOf, version);

    private static CriterionResult FromAnswer(CriterionDefinition c, AssessmentAnswer? answer, CheckContext context, ScorecardFramework framework)
    {
        var now = context.NowUtc;
        var version = framework.Version;
        if (answer is null)
        {
            return new(c.Key, c.Signal, c.Level, c.Mode, CriterionStatus.Unknown, "Not answered yet: the owner team has not assessed this.", now, null, version);
        }

        var said = Invariant($"Answered {answer.Maturity} of 4 by {answer.AnsweredBy} on {answer.AnsweredAt:yyyy-MM-dd}: {answer.Note}");
        if (answer.IsExpiredAt(now))
        {
            return new(c.Key, c.Signal, c.Level, c.Mode, CriterionStatus.Unknown,
                Invariant($"The answer expired on {answer.ExpiresAt:yyyy-MM-dd} and must be re-attested. ({said})"), now, answer.AnsweredAt, version);
        }

        var status = answer.Maturity >= c.PassAt ? CriterionStatus.Pass : CriterionStatus.Fail;
        string? flag = null;
        if (status == CriterionStatus.Pass && c.EvidenceCheck is { } check)
        {
            var parameters = EvidenceParameters(framework, c, check, DateOnly.FromDateTime(now));
            var evidence = AutomaticChecks.Run(check, context with { Criterion = c with { Mode = CriterionMode.Automatic, Check = check, Parameters = parameters } });
            if (evidence.Status == CriterionStatus.Fail)
            {
                flag = Invariant($"Answered {answer.Maturity}, but the catalog says otherwise: {evidence.Evidence}");
            }
        }

        return new(c.Key, c.Signal, c.Level, c.Mode, status, said, now, answer.AnsweredAt, version, flag is not null, flag);
    }

    private static CriterionResult FromExternal(CriterionDefinition c, ExternalResult? pushed, int version, DateTime now)
    {
        if (pushed is null)
        {
            return new(c.Key, c.Signal, c.Level, c.Mode, CriterionStatus.Unknown, "No result has been pushed for this service yet.", now, null, version);
        }

        var maxAge = c.Parameter("maxAgeDays", DefaultExternalMaxAgeDays);
        if (now - pushed.ReportedAt > TimeSpan.FromDays(maxAge))
        {
            return new(c.Key, c.Signal, c.Level, c.Mode, CriterionStatus.Unknown,
                Invariant($"The last result, pushed by {pushed.Source} on {pushed.ReportedAt:yyyy-MM-dd}, is older than {maxAge:N0} days: stale. ({pushed.Evidence})"),
                now, pushed.ReportedAt, version);
        }

        var status = pushed.Status == CriterionStatus.Exempt ? CriterionStatus.Unknown : pushed.Status;
        return new(c.Key, c.Signal, c.Level, c.Mode, status, $"Pushed by {pushed.Source}: {pushed.Evidence}", now, pushed.ReportedAt, version);
    }

    private static CriterionResult Exempt(CriterionResult result, ExemptionGrant exemption)
    {
        var until = exemption.EndsOn is { } end ? Invariant($"until {end:yyyy-MM-dd}") : "permanently";
        return result with
        {
            Status = CriterionStatus.Exempt,
            StatusWithoutExemption = result.Status,
            Evidence = $"Exempt {until} (approved by {exemption.ApprovedBy}): {exemption.Reason} Without the exemption: {result.Evidence}",
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
