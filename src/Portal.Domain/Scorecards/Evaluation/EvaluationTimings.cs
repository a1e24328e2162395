using System.Diagnostics;
using System.Globalization;

namespace Portal.Domain.Scorecards.Evaluation;

/// <summary>
/// Where an evaluation pass spent its time: each phase in order (load framework, graph, facts, inputs, stored
/// fingerprints, evaluate, fingerprint, history, write) and, inside evaluate, each automatic check summed over every
/// service. Printed by <c>scorecards evaluate --verbose</c> and logged at Debug. Not thread-safe: each thread of a
/// pass times into its own, merged with <see cref="Merge"/>.
/// </summary>
public sealed class EvaluationTimings
{
    private readonly List<EvaluationPhase> _phases = [];
    private readonly Dictionary<string, (long Ticks, int Count)> _parts = new(StringComparer.Ordinal);
    private long _phaseStart = Stopwatch.GetTimestamp();

    /// <summary>The phases measured so far, in the order they ended.</summary>
    public IReadOnlyList<EvaluationPhase> Phases => _phases;

    /// <summary>The parts of the evaluation (each check, answers, pushed results, levels), slowest first.</summary>
    public IReadOnlyList<EvaluationPhase> Parts =>
        [.. _parts.Select(p => new EvaluationPhase(p.Key, Stopwatch.GetElapsedTime(0, p.Value.Ticks), p.Value.Count)).OrderByDescending(p => p.Elapsed)];

    /// <summary>Ends the current phase under <paramref name="name"/>; the next phase starts now.</summary>
    public void EndPhase(string name)
    {
        var now = Stopwatch.GetTimestamp();
        _phases.Add(new EvaluationPhase(name, Stopwatch.GetElapsedTime(_phaseStart, now)));
        _phaseStart = now;
    }

    /// <summary>Adds a phase measured elsewhere (interleaved work, e.g. fingerprints computed between evaluations).</summary>
    public void AddPhase(string name, long ticks) => _phases.Add(new EvaluationPhase(name, Stopwatch.GetElapsedTime(0, ticks)));

    /// <summary>Adds time spent in one part of the evaluation since <paramref name="startedAt"/> (a <see cref="Stopwatch.GetTimestamp"/>).</summary>
    public void AddPart(string name, long startedAt)
    {
        var ticks = Stopwatch.GetTimestamp() - startedAt;
        _parts[name] = _parts.TryGetValue(name, out var sum) ? (sum.Ticks + ticks, sum.Count + 1) : (ticks, 1);
    }

    /// <summary>One line per phase, then one per part of the evaluation (indented), e.g. <c>load facts  1,234 ms</c>.</summary>
    public IEnumerable<string> Lines()
    {
        foreach (var phase in _phases)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{phase.Name,-48} {phase.Elapsed.TotalMilliseconds,9:N0} ms");
            if (phase.Name.StartsWith("evaluate", StringComparison.Ordinal))
            {
                foreach (var part in Parts)
                {
                    yield return string.Create(CultureInfo.InvariantCulture, $"  {part.Name,-46} {part.Elapsed.TotalMilliseconds,9:N0} ms  ({part.Count:N0} runs)");
                }
            }
        }
    }

    /// <summary>Adds the parts another thread timed (its phases are not taken: the caller times the phase they ran in).</summary>
    public void Merge(EvaluationTimings other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (name, (ticks, count)) in other._parts)
        {
            _parts[name] = _parts.TryGetValue(name, out var sum) ? (sum.Ticks + ticks, sum.Count + count) : (ticks, count);
        }
    }

    /// <summary>Restarts the current phase's clock (after work that is accounted for with <see cref="AddPhase"/>).</summary>
    public void Restart() => _phaseStart = Stopwatch.GetTimestamp();
}
