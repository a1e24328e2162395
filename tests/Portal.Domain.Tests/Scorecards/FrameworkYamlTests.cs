using Portal.Domain.Scorecards;
using Portal.Domain.Scorecards.Framework;
using Portal.Domain.Signals;
using Portal.Domain.Scorecards.Checks;

namespace Portal.Domain.Tests.Scorecards;

public sealed class FrameworkYamlTests
{
    private const string Minimal = """
        answerValidityDays: 90
        criteria:
          - key: timeouts
            signal: cascading-failures
            level: bronze
            mode: automatic
            check: sync-timeouts
            title: Calls time out
            why: Because.
            good: Timeouts everywhere.
            fix: Add them.
            effortDays: 2
        """;

    [Fact]
    public void Default_EverySignalHasFourToSixCriteriaAndTwoAutomatic()
    {
        var framework = FrameworkYaml.Default;

        Assert.Equal(1, framework.Version);
        foreach (var signal in ScalingSignals.All)
        {
            var criteria = framework.Criteria.Where(c => c.Signal == signal).ToList();
            Assert.InRange(criteria.Count, 4, 6);
            Assert.True(criteria.Count(c => c.Mode == CriterionMode.Automatic) >= 2, $"{signal} has fewer than two automatic criteria");
            Assert.Contains(criteria, c => c.Level == ScoreLevel.Bronze);
        }

        Assert.Empty(FrameworkRules.Validate(framework));
    }

    [Fact]
    public void Default_EveryCheckIsUsedByACriterion() =>
        Assert.All(AutomaticChecks.All.Keys, id => Assert.Contains(FrameworkYaml.Default.Criteria, c => c.Check == id));

    [Fact]
    public void Write_ThenParse_GivesTheSameCriteria()
    {
        var framework = FrameworkYaml.Default;

        var again = FrameworkYaml.Parse(FrameworkYaml.Write(framework));

        Assert.Equal(framework.AnswerValidityDays, again.AnswerValidityDays);
        Assert.Equal(framework.Criteria.Count, again.Criteria.Count);
        for (var i = 0; i < framework.Criteria.Count; i++)
        {
            var (a, b) = (framework.Criteria[i], again.Criteria[i]);
            Assert.Equal(a with { Parameters = null }, b with { Parameters = null });
            Assert.Equal(a.Parameters ?? new Dictionary<string, double>(), b.Parameters ?? new Dictionary<string, double>());
        }
    }

    [Fact]
    public void Parse_Minimal_ReadsFields()
    {
        var framework = FrameworkYaml.Parse(Minimal);

        var c = Assert.Single(framework.Criteria);
        Assert.Equal(90, framework.AnswerValidityDays);
        Assert.Equal(ScalingSignal.CascadingFailures, c.Signal);
        Assert.Equal(ScoreLevel.Bronze, c.Level);
        Assert.Equal("sync-timeouts", c.Check);
    }

    [Fact]
    public void Parse_EffectiveFromAndRetired_Read()
    {
        var framework = FrameworkYaml.Parse(Minimal + "\n    effectiveFrom: 2027-01-01\n    retired: true\n");

        Assert.Equal(new DateOnly(2027, 1, 1), framework.Criteria[0].EffectiveFrom);
        Assert.True(framework.Criteria[0].Retired);
    }

    [Fact]
    public void Parse_BadLevel_NamesLineAndField()
    {
        var ex = Assert.Throws<FrameworkValidationException>(() => FrameworkYaml.Parse(Minimal.Replace("level: bronze", "level: platinum")));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(5, problem.Line);
        Assert.Equal("criteria[0].level", problem.Field);
        Assert.Contains("'platinum' is not a level", problem.Message);
    }

    [Fact]
    public void Parse_UnknownCheckAndParameter_ReportsBoth()
    {
        var yaml = Minimal.Replace("check: sync-timeouts", "check: sync-timeouts\n    parameters: { maxHops: 3 }") + "\n  - key: other\n    signal: delivery-pipeline\n    level: gold\n    mode: automatic\n    check: nope\n    title: t\n    why: w\n    good: g\n    fix: f\n    effortDays: 1\n";

        var ex = Assert.Throws<FrameworkValidationException>(() => FrameworkYaml.Parse(yaml));

        Assert.Contains(ex.Problems, p => p.Field == "criteria[0].parameters.maxHops" && p.Line == 8);
        Assert.Contains(ex.Problems, p => p.Field == "criteria[1].check" && p.Message.Contains("'nope'"));
    }

    [Fact]
    public void Parse_DuplicateKey_Refused()
    {
        var criterion = Minimal[Minimal.IndexOf("  - key", StringComparison.Ordinal)..];

        var ex = Assert.Throws<FrameworkValidationException>(() => FrameworkYaml.Parse(Minimal + "\n" + criterion));

        Assert.Contains(ex.Problems, p => p.Field == "criteria[1].key" && p.Message.Contains("already used"));
    }

    [Fact]
    public void Parse_SelfAssessedWithoutQuestion_Refused()
    {
        var yaml = Minimal.Replace("mode: automatic\n    check: sync-timeouts", "mode: self-assessed");

        var ex = Assert.Throws<FrameworkValidationException>(() => FrameworkYaml.Parse(yaml));

        Assert.Contains(ex.Problems, p => p.Field == "criteria[0].question");
    }

    [Fact]
    public void Parse_SelfAssessedWithEvidenceCheckThresholds_Read()
    {
        var yaml = Minimal.Replace("mode: automatic\n    check: sync-timeouts", "mode: self-assessed\n    question: Do retries stay few?\n    evidenceCheck: bounded-retries\n    parameters: { maxRetries: 2 }");

        var framework = FrameworkYaml.Parse(yaml);

        Assert.Equal(2, framework.Criteria[0].Parameters!["maxRetries"]);
        Assert.Equal(2, FrameworkYaml.Parse(FrameworkYaml.Write(framework)).Criteria[0].Parameters!["maxRetries"]);
    }

    [Fact]
    public void Parse_SelfAssessedParameterTheEvidenceCheckDoesNotTake_RefusedNamingIt()
    {
        var withCheck = Minimal.Replace("mode: automatic\n    check: sync-timeouts", "mode: self-assessed\n    question: Do retries stay few?\n    evidenceCheck: bounded-retries\n    parameters: { maxHops: 2 }");
        var withoutCheck = Minimal.Replace("mode: automatic\n    check: sync-timeouts", "mode: self-assessed\n    question: Do retries stay few?\n    parameters: { maxRetries: 2 }");

        var wrong = Assert.Throws<FrameworkValidationException>(() => FrameworkYaml.Parse(withCheck));
        var none = Assert.Throws<FrameworkValidationException>(() => FrameworkYaml.Parse(withoutCheck));

        Assert.Contains(wrong.Problems, p => p.Field == "criteria[0].parameters.maxHops" && p.Message.Contains("'bounded-retries'") && p.Message.Contains("maxRetries"));
        Assert.Contains(none.Problems, p => p.Field == "criteria[0].parameters.maxRetries" && p.Message.Contains("evidenceCheck"));
    }

    [Fact]
    public void Parse_UnknownField_Refused()
    {
        var ex = Assert.Throws<FrameworkValidationException>(() => FrameworkYaml.Parse(Minimal.Replace("effortDays: 2", "effortDays: 2\n    weight: 3")));

        Assert.Contains(ex.Problems, p => p.Field == "criteria[0].weight" && p.Line == 13);
    }

    [Fact]
    public void Parse_SyntaxError_NamesLine()
    {
        var ex = Assert.Throws<FrameworkValidationException>(() => FrameworkYaml.Parse("criteria:\n  - key: [unclosed\n"));

        Assert.True(Assert.Single(ex.Problems).Line >= 2);
    }

    [Fact]
    public void Parse_DeepNesting_RefusedBeforeLoading()
    {
        var ex = Assert.Throws<FrameworkValidationException>(() => FrameworkYaml.Parse(new string('[', 100_000) + new string(']', 100_000)));

        Assert.Contains("nests deeper", Assert.Single(ex.Problems).Message);
    }

    [Fact]
    public void Parse_Alias_Refused()
    {
        var ex = Assert.Throws<FrameworkValidationException>(() => FrameworkYaml.Parse("answerValidityDays: &a 90\ncriteria: *a\n"));

        Assert.Contains("aliases", Assert.Single(ex.Problems).Message);
    }

    [Fact]
    public void Parse_ValidityOutOfRange_Refused() =>
        Assert.Contains(Assert.Throws<FrameworkValidationException>(() => FrameworkYaml.Parse(Minimal.Replace("answerValidityDays: 90", "answerValidityDays: 3"))).Problems,
            p => p.Field == "answerValidityDays" && p.Line == 1);
}
