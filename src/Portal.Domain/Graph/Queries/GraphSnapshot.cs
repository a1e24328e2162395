namespace Portal.Domain.Graph.Queries;

/// <summary>The dependency graph as of one <see cref="GraphState.Version"/>, with its analysis computed once, on first use.</summary>
public sealed class GraphSnapshot
{
    private readonly Lazy<GraphAnalysisResult> _analysis;

    public GraphSnapshot(long version, DependencyGraph graph, AnalysisOptions options)
    {
        Version = version;
        Graph = graph;
        _analysis = new Lazy<GraphAnalysisResult>(() => GraphAnalysis.Analyze(graph, options) with { Version = version }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public long Version { get; }

    public DependencyGraph Graph { get; }

    public GraphAnalysisResult Analysis => _analysis.Value;

    public bool IsAnalysed => _analysis.IsValueCreated;
}
