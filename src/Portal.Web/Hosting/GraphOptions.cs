namespace Portal.Web.Hosting;

/// <summary>The dependency graph's settings (section <c>Graph</c>).</summary>
public sealed class GraphOptions
{
    public const string Section = "Graph";

    /// <summary>
    /// Load and analyse the graph in the background once the app has started, so the first visitor of the graph
    /// pages does not wait (default). Off, it loads on first use: the benchmarks turn it off to measure the
    /// memory the graph takes and its cold analysis.
    /// </summary>
    public bool WarmUpOnStart { get; set; } = true;
}
