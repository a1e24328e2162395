using System.Text.RegularExpressions;

namespace Portal.Testing.FakeGitHub;

/// <summary>
/// Injected failures. Each applies to the next <c>count</c> requests whose path, without the <c>/api/v3</c>
/// prefix and query (e.g. <c>/repos/acme/payments/contents/catalog-info.yaml</c>), matches a regex;
/// counts are taken atomically, so concurrent requests never get more failures than asked for.
/// Authentication and the primary rate limit are checked first; a fault is used only by a request that passed them.
/// </summary>
public sealed class FakeGitHubFaults
{
    private readonly Lock _gate = new();
    private readonly List<Fault> _faults = [];

    /// <summary>The next <paramref name="count"/> matching requests answer <paramref name="status"/> with a GitHub-like JSON body.</summary>
    public void ServerErrors(string pathRegex, int count, int status = 502)
    {
        if (status is < 500 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "A server error is a 5xx status.");
        }

        Add(new Fault(FaultKind.ServerError, Compile(pathRegex), count) { Status = status });
    }

    /// <summary>
    /// The next <paramref name="count"/> matching requests wait <paramref name="delay"/> before being answered
    /// normally; a client that gives up first just goes away (recorded as 499).
    /// </summary>
    public void Timeouts(string pathRegex, int count, TimeSpan delay) =>
        Add(new Fault(FaultKind.Timeout, Compile(pathRegex), count) { Delay = delay });

    /// <summary>
    /// The next matching request is held until <see cref="FakeGitHubHold.Release"/> is called (or the client gives up),
    /// then answered normally; <see cref="FakeGitHubHold.Arrived"/> completes when it comes in. Lets a test act while a
    /// client is mid-request, on a signal rather than a guess of how long the request takes.
    /// </summary>
    public FakeGitHubHold Hold(string pathRegex)
    {
        var hold = new FakeGitHubHold();
        Add(new Fault(FaultKind.Hold, Compile(pathRegex), 1) { Gate = hold });
        return hold;
    }

    /// <summary>
    /// The next <paramref name="count"/> matching requests answer 403 "You have exceeded a secondary rate limit"
    /// with <c>Retry-After: <paramref name="retryAfterSeconds"/></c>, as GitHub does.
    /// </summary>
    public void SecondaryRateLimit(string pathRegex, int count, int retryAfterSeconds) =>
        Add(new Fault(FaultKind.SecondaryRateLimit, Compile(pathRegex), count) { RetryAfterSeconds = retryAfterSeconds });

    /// <summary>Removes every fault, used or not.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }

    /// <summary>How many injected failures of all kinds are still to be used.</summary>
    public int Pending
    {
        get { lock (_gate) { return _faults.Sum(f => f.Remaining); } }
    }

    /// <summary>Takes one use of the first matching fault of <paramref name="kind"/>, if any is left.</summary>
    internal Fault? Take(FaultKind kind, string path)
    {
        lock (_gate)
        {
            foreach (var fault in _faults)
            {
                if (fault.Kind == kind && fault.Remaining > 0 && fault.Path.IsMatch(path))
                {
                    fault.Remaining--;
                    return fault;
                }
            }

            return null;
        }
    }

    private void Add(Fault fault)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fault.Remaining, "count");
        lock (_gate)
        {
            _faults.Add(fault);
        }
    }

    private static Regex Compile(string pathRegex)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathRegex);
        return new Regex(pathRegex, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    internal enum FaultKind
    {
        ServerError,
        Timeout,
        SecondaryRateLimit,
        Hold,
    }

    internal sealed class Fault(FaultKind kind, Regex path, int remaining)
    {
        public FaultKind Kind { get; } = kind;

        public Regex Path { get; } = path;

        public int Remaining { get; set; } = remaining;

        public int Status { get; init; }

        public TimeSpan Delay { get; init; }

        public int RetryAfterSeconds { get; init; }

        public FakeGitHubHold? Gate { get; init; }
    }
}
