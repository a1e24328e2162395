using System.Globalization;
using Portal.Domain.Catalog;
using Portal.Domain.Graph;

namespace Portal.Domain.Tests.Graph;

/// <summary>
/// Deterministic, realistic-looking dependency graphs for tests, benchmarks and demos: the same arguments
/// always give the same graph (seeded <see cref="Random"/>, whose seeded sequence .NET keeps stable).
/// </summary>
public static class GraphFixtures
{
    private const int ServicesPerSystem = 12;
    private const int SystemsPerTeam = 2;

    private static readonly int[] Timeouts = [100, 200, 300, 500, 800, 1000, 2000, 3000, 5000];
    private static readonly int[] RetryChoices = [0, 0, 1, 2, 3];

    /// <summary>
    /// <paramref name="services"/> services in systems of 12, two systems per team, each system a vertical
    /// slice of layers (entry services on top, services nearer the data below) with its own database, plus a
    /// few legacy databases shared across systems. Of the <paramref name="edges"/> distinct edges, about 12%
    /// go to databases, 0.5% call back up inside a system (so there are cycles, half of them broken by an
    /// asynchronous edge), and the rest call deeper, three quarters inside the system and a quarter anywhere,
    /// so teams couple. Resilience settings are declared on most edges but not all, as in real catalogs;
    /// timeouts shrink with depth, as they should, but with enough noise to leave some inversions.
    /// Fewer edges come back when the graph cannot hold that many distinct ones.
    /// </summary>
    public static DependencyGraph Generate(int services, int edges, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(services);
        ArgumentOutOfRangeException.ThrowIfNegative(edges);
        if (services == 0)
        {
            return DependencyGraph.Empty;
        }

        var random = new Random(seed);
        var systems = (services + ServicesPerSystem - 1) / ServicesPerSystem;
        var teams = (systems + SystemsPerTeam - 1) / SystemsPerTeam;
        var legacyDatabases = Math.Max(1, systems / 20);
        var layers = Math.Clamp((int)Math.Log2(services), 2, 10);
        var width = services.ToString(CultureInfo.InvariantCulture).Length;

        var builder = new DependencyGraphBuilder();
        var layer = new int[services];
        for (var i = 0; i < services; i++)
        {
            var system = i / ServicesPerSystem;
            layer[i] = i % ServicesPerSystem * layers / ServicesPerSystem;
            var roll = random.NextDouble();
            var owner = roll < 0.03 ? null : Team(roll < 0.07 ? random.Next(teams) : system / SystemsPerTeam);
            var tier = Math.Clamp((layer[i] == 0 ? 1 : layer[i] <= layers / 2 ? 2 : 3) + (random.NextDouble() < 0.1 ? 1 : 0), 1, 3);
            builder.Service(Service(i), Invariant($"Service {i}"), owner, System(system), tier);
        }

        for (var s = 0; s < systems; s++)
        {
            builder.Resource(Database(s), Invariant($"Database of system {s}"), Team(s / SystemsPerTeam), System(s), 2);
        }

        for (var k = 0; k < legacyDatabases; k++)
        {
            builder.Resource(Invariant($"legacy-db-{k}"), Invariant($"Legacy database {k}"), Team(0), null, 1);
        }

        var taken = new HashSet<(string, string)>();
        for (var attempts = 0; taken.Count < edges && attempts < (edges * 20) + 100; attempts++)
        {
            var from = random.Next(services);
            var system = from / ServicesPerSystem;
            var first = system * ServicesPerSystem;
            var last = Math.Min(services, first + ServicesPerSystem) - 1;
            var roll = random.NextDouble();
            string to;
            InteractionKind kind;
            if (roll < 0.12)
            {
                to = random.NextDouble() < 0.85 ? Database(system) : Invariant($"legacy-db-{random.Next(legacyDatabases)}");
                kind = InteractionKind.SharedDatabase;
            }
            else if (roll < 0.125)
            {
                // Back up the stack inside the system, never to its entry layer: this is what makes cycles.
                var above = Enumerable.Range(first, last - first + 1).Where(j => layer[j] > 0 && layer[j] < layer[from]).ToArray();
                if (above.Length == 0)
                {
                    continue;
                }

                to = Service(above[random.Next(above.Length)]);
                kind = random.NextDouble() < 0.5 ? InteractionKind.AsyncEvent : InteractionKind.SyncHttp;
            }
            else
            {
                var target = random.NextDouble() < 0.75 ? first + random.Next(last - first + 1) : random.Next(services);
                if (layer[target] <= layer[from])
                {
                    continue;
                }

                to = Service(target);
                kind = ServiceKind(random.NextDouble());
            }

            if (!taken.Add((Service(from), to)))
            {
                continue;
            }

            var toDatabase = kind == InteractionKind.SharedDatabase;
            builder.Edge(
                Service(from),
                to,
                kind,
                timeoutMs: random.NextDouble() < 0.75 ? Timeout(layer[from]) : null,
                retries: random.NextDouble() < 0.65 ? RetryChoices[random.Next(RetryChoices.Length)] : null,
                backoff: random.NextDouble() < 0.5 ? random.NextDouble() < 0.6 : null,
                circuitBreaker: random.NextDouble() < 0.3,
                fallback: random.NextDouble() < 0.08,
                bulkhead: random.NextDouble() < 0.1,
                access: toDatabase ? Access(random.NextDouble()) : null);
        }

        return builder.Build();

        int Timeout(int depth)
        {
            var nominal = Timeouts.Length - 1 - (depth * Timeouts.Length / layers);
            return Timeouts[Math.Clamp(nominal + random.Next(-2, 3), 0, Timeouts.Length - 1)];
        }

        string Service(int i) => "svc-" + i.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
        static string System(int s) => Invariant($"system-{s:D3}");
        static string Team(int t) => Invariant($"team-{t:D3}");
        static string Database(int s) => Invariant($"db-{s:D3}");
    }

    private static InteractionKind ServiceKind(double roll) => roll switch
    {
        < 0.62 => InteractionKind.SyncHttp,
        < 0.77 => InteractionKind.SyncGrpc,
        < 0.89 => InteractionKind.AsyncEvent,
        < 0.95 => InteractionKind.AsyncQueue,
        _ => InteractionKind.Unknown,
    };

    private static ResourceAccess? Access(double roll) => roll switch
    {
        < 0.50 => ResourceAccess.ReadWrite,
        < 0.75 => ResourceAccess.Read,
        < 0.90 => ResourceAccess.Write,
        _ => null,
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
