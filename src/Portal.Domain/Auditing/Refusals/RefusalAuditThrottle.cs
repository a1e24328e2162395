using System.Net;
using Portal.Domain.Common;
using Portal.Domain.Security;

namespace Portal.Domain.Auditing.Refusals;

/// <summary>
/// Bounds how many refusals reach the audit log, whoever causes them, without losing count of any:
/// <list type="bullet">
/// <item>Per caller (<see cref="RefusalAttempt.Caller"/>): the first refusal in each <see cref="Window"/> is written,
/// later ones are counted. The count is written by the caller's next entry, or, when the caller stops, by a summary
/// entry once its window has closed (<see cref="TakeDue"/>), or at shutdown whether or not it has
/// (<see cref="TakeAll"/>).</item>
/// <item>Per principal (<see cref="RefusalAttempt.Principal"/>: an account over all the endpoints it is refused on, or
/// one client address): at most <see cref="MaxEntriesPerPrincipal"/> entries a window, so one signed-in caller probing
/// many endpoints cannot spend everyone's entries.</item>
/// <item>Globally: at most <see cref="MaxEntriesPerWindow"/> refusal entries a window, whoever the callers are, so a
/// flood from many addresses (a whole IPv6 /48, see <see cref="AddressKey"/>) or many accounts cannot grow the log
/// faster.</item>
/// </list>
/// Refusals beyond either cap are counted by principal and written as one <see cref="LeftOutAction"/> entry when the
/// window closes, naming the <see cref="MaxKeysPerSummary"/> principals counted most (of the first
/// <see cref="MaxPrincipalsCounted"/> seen in the window) and the rest as <see cref="OtherKeys"/>.
/// Only callers with an entry written in the last window are remembered, so memory is bounded by the global cap
/// (about twice <see cref="MaxEntriesPerWindow"/> callers), however many addresses ask.
/// </summary>
public sealed class RefusalAuditThrottle(TimeProvider clock)
{
    /// <summary>How long one caller's entry stands for its later refusals, and the span of the global cap.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>How many refusal entries are written a window at most, over all callers.</summary>
    public const int MaxEntriesPerWindow = 120;

    /// <summary>How many refusal entries are written a window at most for one principal (an account, or a client address).</summary>
    public const int MaxEntriesPerPrincipal = 10;

    /// <summary>How many principals the count beyond the caps tells apart in a window; later ones are counted as <see cref="OtherKeys"/>.</summary>
    public const int MaxPrincipalsCounted = 100;

    /// <summary>The action of the entry counting the refusals left out beyond <see cref="MaxEntriesPerWindow"/> or <see cref="MaxEntriesPerPrincipal"/>.</summary>
    public const string LeftOutAction = "audit.refusals.left-out";

    /// <summary>How many records (or actions) a summary names one by one.</summary>
    public const int MaxKeysPerSummary = 10;

    /// <summary>The key a summary counts the records beyond <see cref="MaxKeysPerSummary"/> under.</summary>
    public const string OtherKeys = "(others)";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Caller> _callers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _writtenBy = new(StringComparer.Ordinal);
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private int _written;
    private Tally? _overflow;
    private Tally? _closedOverflow;

    /// <summary>How many callers are remembered now (bounded by the global cap).</summary>
    public int Remembered
    {
        get
        {
            lock (_lock)
            {
                return _callers.Count;
            }
        }
    }

    /// <summary>
    /// The key a client address is counted under: an IPv4 address as itself, an IPv6 address by its /48 (one site's
    /// allocation: a /64 each would let one site write 65,536 entries a minute), <c>unknown</c> without one.
    /// </summary>
    public static string AddressKey(IPAddress? address) => ClientAddressKey.Of(address, 48);

    /// <summary>Whether to write this refusal's entry now; otherwise it is counted for a later entry.</summary>
    public RefusalAdmission Admit(RefusalAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            RollWindow(now);
            _callers.TryGetValue(attempt.Caller, out var caller);
            if (caller is not null && now - caller.WrittenAt < Window)
            {
                (caller.LeftOut ??= new Tally(now)).Add(attempt, attempt.EntityKey, now);
                return new RefusalAdmission(false, 0);
            }

            var byPrincipal = _writtenBy.GetValueOrDefault(attempt.Principal);
            if (_written >= MaxEntriesPerWindow || byPrincipal >= MaxEntriesPerPrincipal)
            {
                (_overflow ??= new Tally(now, MaxPrincipalsCounted)).Add(attempt, attempt.Principal, now);
                return new RefusalAdmission(false, 0);
            }

            _written++;
            _writtenBy[attempt.Principal] = byPrincipal + 1;
            var leftOut = caller?.LeftOut?.Count ?? 0;
            _callers[attempt.Caller] = new Caller(now);
            return new RefusalAdmission(true, leftOut);
        }
    }

    /// <summary>
    /// The summaries due now: each caller whose window closed with refusals left out, and the global count beyond the
    /// cap once its window closed. Callers whose window closed are forgotten. Call it at every write and now and then.
    /// </summary>
    public IReadOnlyList<RefusalSummary> TakeDue()
    {
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            RollWindow(now);
            var due = new List<RefusalSummary>();
            List<string>? ended = null;
            foreach (var (key, caller) in _callers)
            {
                if (now - caller.WrittenAt >= Window)
                {
                    (ended ??= []).Add(key);
                    if (caller.LeftOut is { } tally)
                    {
                        var last = tally.Last;
                        due.Add(tally.Summary(last.Actor, last.Action, last.EntityType, last.EntityKey, last.ClientAddress));
                    }
                }
            }

            foreach (var key in ended ?? [])
            {
                _callers.Remove(key);
            }

            if (_closedOverflow is { } overflow)
            {
                due.Add(overflow.Summary(Actor.System, LeftOutAction, "audit", "refusals", null));
                _closedOverflow = null;
            }

            return due;
        }
    }

    /// <summary>
    /// Everything still counted, open windows too, for the last write at shutdown: the summaries <see cref="TakeDue"/>
    /// would give, every remembered caller's open count and the open count beyond the cap (their span ending now).
    /// Every caller is forgotten.
    /// </summary>
    public IReadOnlyList<RefusalSummary> TakeAll()
    {
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            var due = new List<RefusalSummary>();
            foreach (var caller in _callers.Values)
            {
                if (caller.LeftOut is { } tally)
                {
                    var last = tally.Last;
                    var summary = tally.Summary(last.Actor, last.Action, last.EntityType, last.EntityKey, last.ClientAddress);
                    due.Add(now - caller.WrittenAt < Window ? summary with { To = now } : summary);
                }
            }

            _callers.Clear();
            if (_closedOverflow is { } closed)
            {
                due.Add(closed.Summary(Actor.System, LeftOutAction, "audit", "refusals", null));
                _closedOverflow = null;
            }

            if (_overflow is { } open)
            {
                due.Add(open.Summary(Actor.System, LeftOutAction, "audit", "refusals", null) with { To = now });
                _overflow = null;
            }

            return due;
        }
    }

    // Starts a new global window when the last one is over; what it counted beyond the cap is then due.
    private void RollWindow(DateTimeOffset now)
    {
        if (now - _windowStart < Window)
        {
            return;
        }

        if (_overflow is { } overflow)
        {
            _closedOverflow = _closedOverflow is null ? overflow : _closedOverflow.Merge(overflow);
            _overflow = null;
        }

        _windowStart = now;
        _written = 0;
        _writtenBy.Clear();
    }

    private sealed class Caller(DateTimeOffset writtenAt)
    {
        public DateTimeOffset WrittenAt { get; } = writtenAt;

        public Tally? LeftOut { get; set; }
    }

    /// <summary>
    /// Refusals counted instead of written: how many, when, by record (or principal), and the last one. Tells apart up
    /// to <c>track</c> keys; a summary names the <see cref="MaxKeysPerSummary"/> counted most.
    /// </summary>
    private sealed class Tally(DateTimeOffset from, int track = MaxKeysPerSummary)
    {
        private readonly Dictionary<string, int> _byKey = new(StringComparer.Ordinal);

        public int Count { get; private set; }

        public DateTimeOffset From { get; private set; } = from;

        public DateTimeOffset To { get; private set; } = from;

        public RefusalAttempt Last { get; private set; } = null!;

        public void Add(RefusalAttempt attempt, string key, DateTimeOffset at)
        {
            Count++;
            To = at;
            Last = attempt;
            Tick(key, 1);
        }

        public Tally Merge(Tally later)
        {
            Count += later.Count;
            To = later.To;
            Last = later.Last;
            foreach (var (key, count) in later._byKey)
            {
                Tick(key, count);
            }

            return this;
        }

        public RefusalSummary Summary(Actor actor, string action, string entityType, string entityKey, string? clientAddress) =>
            new(actor, action, entityType, entityKey, clientAddress, Count, From, To, Named());

        // The keys counted most by name (ties by name, so a summary does not depend on the order of arrival), the rest together.
        private Dictionary<string, int> Named()
        {
            var named = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (key, count) in _byKey.Where(k => k.Key != OtherKeys).OrderByDescending(k => k.Value).ThenBy(k => k.Key, StringComparer.Ordinal))
            {
                var name = named.Count < MaxKeysPerSummary ? key : OtherKeys;
                named[name] = named.GetValueOrDefault(name) + count;
            }

            if (_byKey.TryGetValue(OtherKeys, out var others))
            {
                named[OtherKeys] = named.GetValueOrDefault(OtherKeys) + others;
            }

            return named;
        }

        private void Tick(string key, int count)
        {
            if (!_byKey.ContainsKey(key) && _byKey.Count >= track)
            {
                key = OtherKeys;
            }

            _byKey[key] = _byKey.GetValueOrDefault(key) + count;
        }
    }
}
