namespace Portal.Benchmarks;

/// <summary>Latency distribution of one scenario, in milliseconds. Percentiles use the nearest-rank method.</summary>
internal sealed record LatencyStats(int Count, double Min, double P50, double P95, double P99, double Max, double Mean)
{
    public static LatencyStats From(IReadOnlyCollection<double> samplesMs)
    {
        if (samplesMs.Count == 0)
        {
            throw new ArgumentException("No samples.", nameof(samplesMs));
        }

        var sorted = samplesMs.Order().ToArray();
        return new LatencyStats(sorted.Length, sorted[0], Percentile(sorted, 50), Percentile(sorted, 95), Percentile(sorted, 99), sorted[^1], sorted.Average());
    }

    private static double Percentile(double[] sorted, double p)
    {
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
