namespace Portal.Testing.FakeGitHub;

/// <summary>
/// A request held by <see cref="FakeGitHubFaults.Hold"/>: <see cref="Arrived"/> completes when the request comes
/// in, and it is answered once <see cref="Release"/> is called.
/// </summary>
public sealed class FakeGitHubHold
{
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the held request has arrived and is waiting.</summary>
    public Task Arrived => _arrived.Task;

    /// <summary>Lets the held request be answered.</summary>
    public void Release() => _released.TrySetResult();

    internal async Task HoldAsync(CancellationToken ct)
    {
        _arrived.TrySetResult();
        await _released.Task.WaitAsync(ct).ConfigureAwait(false);
    }
}
