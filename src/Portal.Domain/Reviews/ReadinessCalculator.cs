using Portal.Domain.Debt;
using Portal.Domain.Reviews.Comparison;
using Portal.Domain.Reviews.Snapshots;
using Portal.Domain.Scorecards;

namespace Portal.Domain.Reviews;

/// <summary>
/// Works out who still has to answer before a review: every active self-assessed criterion of every service in
/// scope needs a current answer, unless an exemption applies. Pure.
/// </summary>
public static class ReadinessCalculator
{
    public static ReviewReadiness Compute(ReadinessInputs inputs, DateTime nowUtc, Quarter quarter)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var today = DateOnly.FromDateTime(nowUtc);
        var questions = inputs.Framework.ActiveOn(today).Where(c => c.Mode == CriterionMode.SelfAssessed).ToList();
        var answers = inputs.Answers.ToLookup(a => a.ServiceId);
        var exempt = inputs.Exemptions.Where(e => e.EndsOn is null || e.EndsOn >= today).ToLookup(e => e.ServiceId, e => e.Criterion);
        var teams = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var without = new List<(string Ref, int Expected)>();
        var expiredServices = new List<string>();
        int expected = 0, current = 0, unanswered = 0, expired = 0;
        foreach (var s in inputs.Services)
        {
            var key = s.Team ?? ReviewComparison.Unowned;
            if (!teams.TryGetValue(key, out var team))
            {
                team = new Tally(s.TeamName ?? "No owner team");
                teams[key] = team;
            }

            team.Services++;
            var given = answers[s.Id].ToDictionary(a => a.Criterion, a => a.ExpiresAt, StringComparer.Ordinal);
            var exemptHere = exempt[s.Id].ToHashSet(StringComparer.Ordinal);
            int serviceExpected = 0, serviceCurrent = 0;
            var anyExpired = false;
            foreach (var q in questions.Where(q => !exemptHere.Contains(q.Key)))
            {
                serviceExpected++;
                if (!given.TryGetValue(q.Key, out var expiresAt))
                {
                    unanswered++;
                    team.Missing.Add(new MissingAnswer(s.Ref, s.DisplayName, q.Key, q.Title, null));
                }
                else if (nowUtc >= expiresAt)
                {
                    expired++;
                    anyExpired = true;
                    team.Missing.Add(new MissingAnswer(s.Ref, s.DisplayName, q.Key, q.Title, expiresAt));
                }
                else
                {
                    serviceCurrent++;
                }
            }

            expected += serviceExpected;
            current += serviceCurrent;
            team.Expected += serviceExpected;
            team.Current += serviceCurrent;
            if (serviceExpected > 0 && serviceCurrent == 0)
            {
                without.Add((s.Ref, serviceExpected));
            }

            if (anyExpired)
            {
                expiredServices.Add(s.Ref);
            }
        }

        var names = inputs.Services.ToDictionary(s => s.Id);
        var active = inputs.Exemptions.Where(e => e.EndsOn is null || e.EndsOn >= today).ToList();
        var ending = active.Where(e => e.EndsOn is { } end && end <= quarter.End && names.ContainsKey(e.ServiceId))
            .Select(e => new EndingExemption(
                names[e.ServiceId].Ref, names[e.ServiceId].DisplayName, names[e.ServiceId].TeamName, e.Criterion,
                inputs.Framework.Find(e.Criterion)?.Title ?? e.Criterion, e.EndsOn!.Value, e.Reason))
            .OrderBy(e => e.EndsOn).ThenBy(e => e.Service, StringComparer.Ordinal).ToList();
        var totals = new SnapshotReadiness(
            expected, current, unanswered, expired, inputs.Flagged.Values.Sum(), without.Count, active.Count, ending.Count);
        var teamList = teams.Select(t => new TeamReadiness(
                t.Key, t.Value.Name, inputs.TeamEmails.GetValueOrDefault(t.Key), t.Value.Services, t.Value.Expected, t.Value.Current,
                [.. t.Value.Missing.OrderBy(m => m.Service, StringComparer.Ordinal).ThenBy(m => m.Criterion, StringComparer.Ordinal)]))
            .OrderBy(t => t.Progress).ThenByDescending(t => t.Missing.Count).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
        return new ReviewReadiness(
            totals,
            teamList,
            [.. without.OrderByDescending(w => w.Expected).ThenBy(w => w.Ref, StringComparer.Ordinal).Select(w => w.Ref)],
            [.. expiredServices.Order(StringComparer.Ordinal)],
            ending);
    }

    private sealed class Tally(string name)
    {
        public string Name { get; } = name;

        public int Services { get; set; }

        public int Expected { get; set; }

        public int Current { get; set; }

        public List<MissingAnswer> Missing { get; } = [];
    }
}
