using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Domain.Common;
using Portal.Domain.Persistence;

namespace Portal.Domain.Demo;

/// <summary>
/// Generates a large, deterministic catalog for benchmarks and for looking at pages at scale
/// (<c>seed scale --services 10000</c>). Dependencies form layers, so most calls go "down" like in a
/// real company, with a few calls back up that create cycles.
/// </summary>
/// <remarks>
/// Unlike the demo company (catalog files through the importer, see <c>Portal.Ingest.Demo.DemoSeeder</c>), this stays
/// in code: it is generated from a seed and sizes on the command line, so there is no fixed set of files to keep, and
/// at 10,000 services the YAML would be tens of megabytes in the repository. It writes rows directly because it exists to
/// measure pages and queries at scale quickly; the import's own speed is measured separately (the import benchmark).
/// </remarks>
public sealed class ScaleSeeder(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    private static readonly string[] Words =
    [
        "account", "billing", "catalog", "checkout", "delivery", "email", "fraud", "gateway", "identity", "inventory",
        "ledger", "loyalty", "media", "notify", "order", "payment", "pricing", "profile", "quote", "rating",
        "refund", "report", "search", "session", "shipping", "stock", "tax", "tenant", "ticket", "wallet",
    ];

    private static readonly string[] Kinds = ["service", "service", "service", "website", "library"];

    private static readonly InteractionKind[] EdgeKinds =
        [InteractionKind.SyncHttp, InteractionKind.SyncHttp, InteractionKind.SyncGrpc, InteractionKind.AsyncEvent, InteractionKind.AsyncQueue];

    public async Task<ScaleSeedResult> SeedAsync(ScaleSpec spec, CancellationToken ct = default)
    {
        if (spec.Services < 1 || spec.Services > 200_000)
        {
            throw new DomainValidationException("services", "must be between 1 and 200000");
        }

        var started = clock.GetTimestamp();
        var random = new Random(spec.Seed);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Services.AnyAsync(s => s.Name == "scale-svc-00001", ct))
        {
            throw new DomainValidationException("services", "a scale catalog is already loaded in this database");
        }

        db.ChangeTracker.AutoDetectChangesEnabled = false;

        var teams = Enumerable.Range(1, spec.TeamCount).Select(i =>
        {
            var t = new Team($"scale-team-{i:00000}", $"{Cap(Pick(random))} {Cap(Pick(random))} {i}");
            t.SetContact($"#team-{i}", null);
            t.RecordSource(DataSource.Demo, "scale");
            return t;
        }).ToList();
        for (var i = 10; i < teams.Count; i++)
        {
            teams[i].SetParent(teams[random.Next(0, 10)]);
        }

        var people = Enumerable.Range(1, spec.PeopleCount).Select(i =>
        {
            var p = new Person($"scale-person-{i:000000}", $"Person {i}", $"person{i}@example.com");
            p.RecordSource(DataSource.Demo, "scale");
            return p;
        }).ToList();
        for (var i = 0; i < people.Count; i++)
        {
            teams[i % teams.Count].AddMember(people[i], i < teams.Count ? MembershipRole.Lead : MembershipRole.Member);
        }

        var systems = Enumerable.Range(1, spec.SystemCount).Select(i =>
        {
            var s = new SoftwareSystem($"scale-system-{i:0000}", $"{Cap(Pick(random))} platform {i}");
            s.AssignOwner(teams[random.Next(teams.Count)]);
            s.RecordSource(DataSource.Demo, "scale");
            return s;
        }).ToList();

        var services = new List<Service>(spec.Services);
        for (var i = 1; i <= spec.Services; i++)
        {
            var a = Pick(random);
            var b = Pick(random);
            var s = new Service($"scale-svc-{i:00000}", $"{Cap(a)} {b} {i}");
            s.Describe(s.Title, $"Handles {a} {b} for the {Pick(random)} domain. Generated for scale tests.");
            s.SetKind(Kinds[random.Next(Kinds.Length)]);
            s.SetTier(1 + random.Next(3));
            s.SetLifecycle(random.Next(20) == 0 ? Lifecycle.Deprecated : random.Next(10) == 0 ? Lifecycle.Experimental : Lifecycle.Production);
            s.AssignOwner(random.Next(50) == 0 ? null : teams[random.Next(teams.Count)]);
            s.PlaceInSystem(systems[random.Next(systems.Count)]);
            s.SetTags([a, b, random.Next(2) == 0 ? "java" : "dotnet"]);
            s.RecordSource(DataSource.Demo, "scale");
            services.Add(s);
        }

        db.Teams.AddRange(teams);
        db.People.AddRange(people);
        db.Systems.AddRange(systems);
        db.Services.AddRange(services);

        // Layered calls: service i mostly calls services with a higher index, a few call back up.
        var edges = new HashSet<(int, int)>();
        var dependencies = new List<Dependency>();
        var target = spec.Services * spec.EdgesPerService;
        for (var attempts = 0; dependencies.Count < target && attempts < target * 3; attempts++)
        {
            var from = random.Next(spec.Services);
            var to = random.Next(20) == 0 ? random.Next(spec.Services) : from + 1 + random.Next(Math.Max(1, Math.Min(500, spec.Services - from - 1)));
            if (to >= spec.Services || to == from || !edges.Add((from, to)))
            {
                continue;
            }

            var d = Dependency.ToService(services[from], services[to], EdgeKinds[random.Next(EdgeKinds.Length)], DataSource.Demo);
            if (d.Kind.IsSynchronous())
            {
                d.SetResilience(250 * (1 + random.Next(8)), random.Next(4), random.Next(2) == 0, random.Next(3) == 0, random.Next(4) == 0, null);
            }

            dependencies.Add(d);
        }

        db.Dependencies.AddRange(dependencies);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        return new ScaleSeedResult(services.Count, teams.Count, people.Count, systems.Count, dependencies.Count, clock.GetElapsedTime(started));
    }

    private static string Pick(Random random) => Words[random.Next(Words.Length)];

    private static string Cap(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
