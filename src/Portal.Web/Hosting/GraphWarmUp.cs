using Microsoft.Extensions.Options;

namespace Portal.Web.Hosting;

/// <summary>
/// Loads and analyses the dependency graph once the app has started, so the first person to open the graph
/// pages does not wait for it. Failures are logged, not fatal: the pages load it on demand anyway.
/// </summary>
internal sealed class GraphWarmUp(
    Portal.Domain.Graph.Queries.GraphService graphs, IOptions<GraphOptions> options, IHostApplicationLifetime lifetime, ILogger<GraphWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WarmUpOnStart)
        {
            return;
        }

        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        try
        {
            var snapshot = await graphs.CurrentAsync(stoppingToken);
            _ = snapshot.Analysis;
            logger.LogInformation("Dependency graph version {Version} loaded and analysed: {Nodes} nodes, {Edges} edges", snapshot.Version, snapshot.Graph.NodeCount, snapshot.Graph.EdgeCount);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not warm up the dependency graph; it will load on first use");
        }
    }
}
