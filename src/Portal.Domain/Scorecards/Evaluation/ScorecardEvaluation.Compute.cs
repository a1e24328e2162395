using System.Diagnostics;
using System.Globalization;

namespace Portal.Domain.Scorecards.Evaluation;

// Which services a pass evaluates (after a change: those it touched, from this instance's last pass over every
// service), and evaluating them.
public sealed partial class ScorecardEvaluation
{
    /// <summary>
    /// This instance's last pass over every service, when the stored state is still that pass's (same graph version,
    /// framework version, day and time): only then do its facts and graph tell what a change touched.
    /// </summary>
    private async Task<PassBasis?> BasisAsync(int frameworkVersion, DateOnly today, CancellationToken ct)
    {
        if (_basis is not { } basis || basis.FrameworkVersion != frameworkVersion || basis.Day != today)
        {
            return null;
        }

        var state = await StateAsync(ct);
        return state is { EvaluatedAt: { } at } && state.GraphVersion == basis.GraphVersion && state.FrameworkVersion == basis.FrameworkVersion
            && state.EvaluatedOn == basis.Day && Math.Abs((at - basis.EvaluatedAt).TotalMilliseconds) < 1
            ? basis
            : null;
    }

    /// <summary>The services whose facts differ from the basis's, and those the graph change touched.</summary>
    private static Dictionary<Guid, ServiceFacts> Touched(PassBasis basis, ScorecardGraph graph, Dictionary<Guid, ServiceFacts> facts)
    {
        var touched = ReferenceEquals(basis.Graph, graph) ? new HashSet<string>() : ScorecardImpact.TouchedByGraph(basis.Graph, graph);
        return facts.Where(f => touched.Contains(f.Value.Ref) || !basis.Facts.TryGetValue(f.Key, out var before) || !ScorecardImpact.SameFacts(before, f.Value))
            .ToDictionary(f => f.Key, f => f.Value);
    }

    /// <summary>
    /// Evaluates and fingerprints <paramref name="work"/>. The checks are pure and read only immutable inputs, so
    /// services are evaluated on <paramref name="cores"/> cores (every core but where a review close leaves one to the pages); each thread times its own parts, summed into <paramref name="timings"/>.
    /// </summary>
    private static (ServiceScorecard[] Cards, string[] Fingerprints) EvaluateOnEveryCore(
        ScorecardFramework framework, ScorecardGraph graph, Dictionary<Guid, ServiceInputs> inputs, KeyValuePair<Guid, ServiceFacts>[] work, DateTime now,
        EvaluationTimings timings, int cores, CancellationToken ct)
    {
        var cards = new ServiceScorecard[work.Length];
        var fingerprints = new string[work.Length];
        var merging = new Lock();
        Parallel.For(
            0,
            work.Length,
            new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = cores },
            () => new EvaluationTimings(),
            (i, _, local) =>
            {
                var (id, service) = work[i];
                cards[i] = ScorecardEvaluator.Evaluate(framework, service, graph, inputs.GetValueOrDefault(id) ?? ServiceInputs.None, now, local);
                var started = Stopwatch.GetTimestamp();
                fingerprints[i] = ResultsFingerprint.Of(cards[i].Results);
                local.AddPart("fingerprint (SHA-256 of the fields)", started);
                return local;
            },
            local =>
            {
                lock (merging)
                {
                    timings.Merge(local);
                }
            });
        timings.EndPhase(string.Create(CultureInfo.InvariantCulture, $"evaluate and fingerprint ({cores} cores; parts below summed over them)"));
        return (cards, fingerprints);
    }

    /// <summary>What this instance's last pass over every service was evaluated from, and when.</summary>
    private sealed record PassBasis(int FrameworkVersion, long GraphVersion, DateOnly Day, DateTime EvaluatedAt, ScorecardGraph Graph, Dictionary<Guid, ServiceFacts> Facts);
}
