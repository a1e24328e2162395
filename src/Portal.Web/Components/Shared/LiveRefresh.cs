namespace Portal.Web.Components.Shared;

/// <summary>
/// Calls a page back every couple of seconds until it is disposed; on each tick the page decides
/// whether anything changed (a sync is running) and re-renders only then.
/// </summary>
public sealed class LiveRefresh(ILogger logger) : IDisposable
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _stop = new();
    private bool _started;

    /// <summary>Starts ticking; call once the page runs interactively (after its first render), never while prerendering.</summary>
    public void Start(Func<CancellationToken, Task> tick)
    {
        if (_started)
        {
            return;
        }

        _started = true;
        _ = LoopAsync(tick, _stop.Token);
    }

    private async Task LoopAsync(Func<CancellationToken, Task> tick, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Every);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    await tick(ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException && !ct.IsCancellationRequested)
                {
                    // A database hiccup must not stop the page from refreshing; the next tick tries again.
                    logger.LogWarning(ex, "Refreshing the page failed");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
        }
        catch (ObjectDisposedException)
        {
            // The circuit went away between two ticks.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
