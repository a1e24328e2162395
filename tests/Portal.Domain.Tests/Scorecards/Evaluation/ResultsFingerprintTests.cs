using Portal.Domain.Scorecards;
using Portal.Domain.Scorecards.Records;
using Portal.Domain.Signals;
using Portal.Domain.Scorecards.Evaluation;

namespace Portal.Domain.Tests.Scorecards.Evaluation;

/// <summary>
/// The fingerprint decides whether a stored scorecard is rewritten, and the stored JSON is what pages read: a field
/// the fingerprint missed would leave a changed result unwritten, a field the JSON dropped would change it on reading.
/// </summary>
public sealed class ResultsFingerprintTests
{
    private static readonly DateTime At = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

    private static CriterionResult Full() => new(
        "sync-timeouts", ScalingSignal.CascadingFailures, ScoreLevel.Silver, CriterionMode.SelfAssessed, CriterionStatus.Exempt, "3 of 7 calls declare no timeout.",
        At, At.AddDays(-2), 4, Flagged: true, FlagReason: "Answered 4, but…", Upcoming: true, StatusWithoutExemption: CriterionStatus.Fail,
        ChangesOn: new DateOnly(2027, 1, 1), LevelAfterChange: ScoreLevel.Gold, StatusAfterChange: CriterionStatus.Unknown);

    private static CriterionResult Plain() => new(
        "runbook-link", ScalingSignal.Observability, ScoreLevel.None, CriterionMode.Automatic, CriterionStatus.Pass, "", At, null, 0);

    /// <summary>Each field changed on its own (every field of the record but the evaluation time), as a different value.</summary>
    public static TheoryData<string> Fields() =>
    [
        "criterion", "signal", "level", "mode", "status", "evidence", "dataAsOf", "frameworkVersion", "flagged", "flagReason", "upcoming",
        "statusWithoutExemption", "changesOn", "levelAfterChange", "statusAfterChange",
    ];

    private static CriterionResult Changed(CriterionResult r, string field) => field switch
    {
        "criterion" => r with { Criterion = r.Criterion + "x" },
        "signal" => r with { Signal = ScalingSignal.DataModel },
        "level" => r with { Level = ScoreLevel.Bronze },
        "mode" => r with { Mode = CriterionMode.External },
        "status" => r with { Status = CriterionStatus.Fail },
        "evidence" => r with { Evidence = r.Evidence + "." },
        "dataAsOf" => r with { DataAsOf = r.DataAsOf is null ? At : null },
        "frameworkVersion" => r with { FrameworkVersion = r.FrameworkVersion + 1 },
        "flagged" => r with { Flagged = !r.Flagged },
        "flagReason" => r with { FlagReason = r.FlagReason is null ? "flag" : null },
        "upcoming" => r with { Upcoming = !r.Upcoming },
        "statusWithoutExemption" => r with { StatusWithoutExemption = r.StatusWithoutExemption is null ? CriterionStatus.Pass : null },
        "changesOn" => r with { ChangesOn = r.ChangesOn is null ? new DateOnly(2027, 2, 1) : null },
        "levelAfterChange" => r with { LevelAfterChange = r.LevelAfterChange is null ? ScoreLevel.None : null },
        "statusAfterChange" => r with { StatusAfterChange = r.StatusAfterChange is null ? CriterionStatus.Pass : null },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    [Fact]
    public void Fields_ListEveryPropertyButTheEvaluationTime()
    {
        var properties = typeof(CriterionResult).GetProperties().Where(p => p.CanWrite).Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..]);

        Assert.Equal(properties.Where(p => p != "evaluatedAt").Order(), Fields().Select(f => (string)f.Data).Order());
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void Of_OneFieldChanged_Differs(string field)
    {
        foreach (var result in new[] { Full(), Plain() })
        {
            Assert.NotEqual(ResultsFingerprint.Of([result, Plain()]), ResultsFingerprint.Of([Changed(result, field), Plain()]));
        }
    }

    [Fact]
    public void Of_OnlyTheEvaluationTimeChanged_IsTheSame()
    {
        Assert.Equal(ResultsFingerprint.Of([Full(), Plain()]), ResultsFingerprint.Of([Full() with { EvaluatedAt = At.AddHours(5) }, Plain() with { EvaluatedAt = default }]));
    }

    [Fact]
    public void Of_ResultsInAnotherOrderOrOneMore_Differs()
    {
        Assert.NotEqual(ResultsFingerprint.Of([Full(), Plain()]), ResultsFingerprint.Of([Plain(), Full()]));
        Assert.NotEqual(ResultsFingerprint.Of([Full()]), ResultsFingerprint.Of([Full(), Plain()]));
    }

    [Fact]
    public void StoredJson_EveryFieldSetOrAtItsDefault_ReadsBackTheSame()
    {
        List<CriterionResult> results = [Full(), Plain()];

        var json = (string)StoredResultsJson.Converter.ConvertToProvider(results)!;
        var read = (List<CriterionResult>)StoredResultsJson.Converter.ConvertFromProvider(json)!;

        Assert.Equal(results, read);
        Assert.DoesNotContain("satisfied", json, StringComparison.Ordinal);
        Assert.DoesNotContain("flagReason\":null", json, StringComparison.Ordinal);
    }

    [Fact]
    public void StoredJson_RowWrittenWithEveryField_ReadsTheSame()
    {
        const string before = """[{"criterion":"runbook-link","signal":4,"level":0,"mode":0,"status":0,"evidence":"","evaluatedAt":"2026-12-01T09:00:00Z","dataAsOf":null,"frameworkVersion":0,"flagged":false,"flagReason":null,"upcoming":false,"statusWithoutExemption":null,"changesOn":null,"levelAfterChange":null,"statusAfterChange":null,"satisfied":true}]""";

        var read = (List<CriterionResult>)StoredResultsJson.Converter.ConvertFromProvider(before)!;

        Assert.Equal(Plain(), Assert.Single(read));
    }
}
