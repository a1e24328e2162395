using System.Globalization;
using System.Text.RegularExpressions;
using Portal.Domain.Scorecards.Checks;

namespace Portal.Domain.Scorecards.Framework;

/// <summary>
/// What makes a framework valid, whether it came from YAML, the editor or code: unique kebab-case keys,
/// required texts, a known check for automatic criteria, a question for self-assessed ones, known
/// parameters, sensible numbers. Every problem is reported, not only the first.
/// </summary>
public static partial class FrameworkRules
{
    public const int MaxKeyLength = 63;
    public const int MaxTitleLength = 200;
    public const int MaxTextLength = 2000;
    public const int MaxCriteria = 200;
    public const double MaxEffortDays = 365;

    /// <summary>Problems with <paramref name="framework"/>; <paramref name="lineOf"/> maps a field path to its YAML line (0 when unknown).</summary>
    public static IReadOnlyList<FrameworkProblem> Validate(ScorecardFramework framework, Func<string, int>? lineOf = null)
    {
        ArgumentNullException.ThrowIfNull(framework);
        var line = lineOf ?? (_ => 0);
        var problems = new List<FrameworkProblem>();
        void Add(string field, string message) => problems.Add(new FrameworkProblem(line(field), field, message));

        if (framework.AnswerValidityDays is < ScorecardFramework.MinAnswerValidityDays or > ScorecardFramework.MaxAnswerValidityDays)
        {
            Add("answerValidityDays", Invariant($"must be between {ScorecardFramework.MinAnswerValidityDays} and {ScorecardFramework.MaxAnswerValidityDays} days, not {framework.AnswerValidityDays}"));
        }

        if (framework.Criteria.Count == 0)
        {
            Add("criteria", "must list at least one criterion");
        }

        if (framework.Criteria.Count > MaxCriteria)
        {
            Add("criteria", Invariant($"lists {framework.Criteria.Count} criteria; at most {MaxCriteria} are allowed"));
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < framework.Criteria.Count; i++)
        {
            var c = framework.Criteria[i];
            var at = Invariant($"criteria[{i}]");
            if (string.IsNullOrWhiteSpace(c.Key) || c.Key.Length > MaxKeyLength || !KeyPattern().IsMatch(c.Key))
            {
                Add(at + ".key", $"'{c.Key}' is not a valid key: lower-case letters and digits in runs separated by '-', at most {MaxKeyLength} characters");
            }
            else if (!seen.TryAdd(c.Key, i))
            {
                Add(at + ".key", Invariant($"'{c.Key}' is already used by criteria[{seen[c.Key]}]; keys must be unique"));
            }

            Text(c.Title, MaxTitleLength, at + ".title", Add);
            Text(c.Why, MaxTextLength, at + ".why", Add);
            Text(c.Good, MaxTextLength, at + ".good", Add);
            Text(c.Fix, MaxTextLength, at + ".fix", Add);
            if (c.Level is not (ScoreLevel.Bronze or ScoreLevel.Silver or ScoreLevel.Gold))
            {
                Add(at + ".level", "must be bronze, silver or gold");
            }

            if (double.IsNaN(c.EffortDays) || c.EffortDays <= 0 || c.EffortDays > MaxEffortDays)
            {
                Add(at + ".effortDays", Invariant($"must be more than 0 and at most {MaxEffortDays} days, not {c.EffortDays}"));
            }

            ValidateMode(c, at, Add);
        }

        return problems;
    }

    /// <summary>Throws <see cref="FrameworkValidationException"/> when <paramref name="framework"/> has problems.</summary>
    public static void Require(ScorecardFramework framework)
    {
        var problems = Validate(framework);
        if (problems.Count > 0)
        {
            throw new FrameworkValidationException(problems);
        }
    }

    private static void ValidateMode(CriterionDefinition c, string at, Action<string, string> add)
    {
        var parameters = c.Parameters ?? new Dictionary<string, double>();
        switch (c.Mode)
        {
            case CriterionMode.Automatic:
                var check = c.Check is null ? null : AutomaticChecks.Find(c.Check);
                if (check is null)
                {
                    add(at + ".check", c.Check is null
                        ? "is required for an automatic criterion; one of " + string.Join(", ", AutomaticChecks.All.Keys.Order(StringComparer.Ordinal))
                        : $"'{c.Check}' is not a check Portal has; one of " + string.Join(", ", AutomaticChecks.All.Keys.Order(StringComparer.Ordinal)));
                }
                else
                {
                    foreach (var name in parameters.Keys.Where(k => !check.Defaults.ContainsKey(k)))
                    {
                        add(at + ".parameters." + name, check.Defaults.Count == 0
                            ? $"check '{check.Id}' takes no parameters"
                            : $"check '{check.Id}' has no parameter '{name}'; it takes " + string.Join(", ", check.Defaults.Keys));
                    }
                }

                break;
            case CriterionMode.SelfAssessed:
                if (string.IsNullOrWhiteSpace(c.Question))
                {
                    add(at + ".question", "is required for a self-assessed criterion: what the team answers 0 to 4");
                }
                else
                {
                    Text(c.Question, MaxTextLength, at + ".question", add);
                }

                if (c.PassAt is < 1 or > AssessmentAnswer.MaxMaturity)
                {
                    add(at + ".passAt", Invariant($"must be between 1 and {AssessmentAnswer.MaxMaturity}, not {c.PassAt}"));
                }

                var evidenceCheck = c.EvidenceCheck is null ? null : AutomaticChecks.Find(c.EvidenceCheck);
                if (c.EvidenceCheck is { } evidence && evidenceCheck is null)
                {
                    add(at + ".evidenceCheck", $"'{evidence}' is not a check Portal has");
                }

                // Parameters of a self-assessed criterion are the thresholds of its evidence check, nothing else.
                foreach (var name in parameters.Keys)
                {
                    if (c.EvidenceCheck is null)
                    {
                        add(at + ".parameters." + name, "a self-assessed criterion takes parameters only for its evidenceCheck, and names none");
                    }
                    else if (evidenceCheck is not null && !evidenceCheck.Defaults.ContainsKey(name))
                    {
                        add(at + ".parameters." + name, evidenceCheck.Defaults.Count == 0
                            ? $"evidence check '{evidenceCheck.Id}' takes no parameters"
                            : $"evidence check '{evidenceCheck.Id}' has no parameter '{name}'; it takes " + string.Join(", ", evidenceCheck.Defaults.Keys));
                    }
                }

                break;
            default:
                foreach (var name in parameters.Keys.Where(k => k != "maxAgeDays"))
                {
                    add(at + ".parameters." + name, "an external criterion takes only maxAgeDays");
                }

                break;
        }

        if (c.Mode != CriterionMode.Automatic && c.Check is not null)
        {
            add(at + ".check", "only automatic criteria name a check");
        }

        if (c.Mode != CriterionMode.SelfAssessed && c.EvidenceCheck is not null)
        {
            add(at + ".evidenceCheck", "only self-assessed criteria name an evidence check");
        }

        foreach (var (name, value) in parameters)
        {
            if (double.IsNaN(value) || double.IsInfinity(value) || value < 0)
            {
                add(at + ".parameters." + name, Invariant($"must be a number of 0 or more, not {value}"));
            }
        }
    }

    private static void Text(string? value, int max, string field, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            add(field, "is required");
        }
        else if (value.Length > max)
        {
            add(field, Invariant($"is {value.Length} characters long; at most {max} are allowed"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KeyPattern();
}
