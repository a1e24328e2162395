using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog.Demo;
using Portal.Domain.Common;
using Portal.Domain.Demo;
using Portal.Domain.OnCall.Demo;
using Portal.Domain.Persistence;
using Portal.Domain.Scorecards.Demo;
using Portal.Domain.Security;
using Portal.Ingest.Backstage;
using Portal.Ingest.Catalog;

namespace Portal.Ingest.Demo;

/// <summary>
/// Loads "Quill &amp; Ledger", a fictional B2B invoicing and payments company, so that a fresh Portal has something
/// worth looking at. Its catalog is a set of Backstage files (<c>src/Portal.Ingest/Demo/Catalog/*.yaml</c>) read and
/// written by the same reader and <see cref="CatalogReconciler"/> as any import, recorded as the demo data's; then each
/// feature adds its part (<see cref="IDemoData"/>: roles and leads, on-call, scorecard answers, the last review), from
/// data files kept with that feature. Every step adds only what is missing: a second load changes nothing.
/// </summary>
public sealed class DemoSeeder
{
    public const string CompanyName = "Quill & Ledger";

    /// <summary>The audit action of the demo catalog's reconcile run.</summary>
    public const string AuditAction = "catalog.demo";

    /// <summary>Where demo records come from: their source location is <c>demo/{file}#{document}</c>.</summary>
    public const string Scope = "demo";

    private const string ResourcePrefix = "Portal.Ingest.Demo.Catalog.";

    /// <summary>The two services nobody owns have no <c>spec.owner</c>, which only the demo may do.</summary>
    private static readonly CatalogReadOptions ReadOptions = new() { AllowMissingOwner = true };

    private readonly IDbContextFactory<PortalDbContext> _dbFactory;
    private readonly IReadOnlyList<IDemoData> _parts;
    private readonly TimeProvider _clock;

    /// <summary>The seeder with every part registered as an <see cref="IDemoData"/> service.</summary>
    public DemoSeeder(IDbContextFactory<PortalDbContext> dbFactory, IEnumerable<IDemoData> parts, TimeProvider clock)
    {
        _dbFactory = dbFactory;
        _parts = [.. parts.OrderBy(p => p.Order)];
        _clock = clock;
    }

    /// <summary>
    /// The catalog with the parts that need only the database (<see cref="StandardParts"/>), for tools and tests that
    /// build the seeder by hand. The review of last quarter needs the scorecard and graph services and comes only
    /// through dependency injection.
    /// </summary>
    public DemoSeeder(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider? clock = null)
        : this(dbFactory, StandardParts(dbFactory), clock ?? TimeProvider.System)
    {
    }

    /// <summary>The parts every demo has: roles and team leads, on-call rotations, scorecard answers.</summary>
    public static IReadOnlyList<IDemoData> StandardParts(IDbContextFactory<PortalDbContext> dbFactory) =>
        [new PeopleDemoData(dbFactory), new OnCallDemoData(dbFactory), new AssessmentsDemoData(dbFactory)];

    /// <summary>The demo company's Backstage catalog files, by name (<c>components.yaml</c>…).</summary>
    public static IReadOnlyList<CatalogFile> CatalogFiles()
    {
        var assembly = typeof(DemoSeeder).Assembly;
        return [.. DemoFile.List(assembly, ResourcePrefix, ".yaml").Select(name => new CatalogFile(name, Read(assembly, ResourcePrefix + name)))];
    }

    /// <summary>
    /// Loads what is missing of the demo company. The catalog is first reconciled as a dry run; it is written only when
    /// that would create or change something. Fails, writing nothing of the catalog, when a demo record clashes with a
    /// record from another source (e.g. an imported team of the same name).
    /// </summary>
    public async Task<DemoSeedResult> SeedAsync(CancellationToken ct = default)
    {
        var now = _clock.GetUtcNow();
        var reconciler = new CatalogReconciler(_dbFactory);
        var batch = CatalogBatch.ForFiles(BackstageCatalogReader.Read(CatalogFiles(), options: ReadOptions), DataSource.Demo, Scope, Scope, Scope, SourceRules.ForDemo, Actor.System);
        var report = await reconciler.PreviewAsync(batch, ct);
        if (report.Errors.Any())
        {
            throw new InvalidOperationException(
                "The demo company could not be loaded: " + string.Join(" | ", report.Errors.Select(e => e.ToString())));
        }

        var dependencies = 0;
        var catalogChanged = report.Records.Any(r => r.Change is not RecordChangeKind.Unchanged);
        if (catalogChanged)
        {
            var before = await CountDependenciesAsync(ct);
            report = await reconciler.ReconcileAsync(batch, Actor.System, AuditAction, ct);
            dependencies = await CountDependenciesAsync(ct) - before;
        }

        var context = new DemoContext
        {
            Now = now,
            Created = report.Records.Where(r => r.Change == RecordChangeKind.Created).Select(r => r.Ref).ToHashSet(StringComparer.Ordinal),
        };
        var parts = new List<(string, int)>();
        foreach (var part in _parts)
        {
            parts.Add((part.Name, await part.LoadAsync(context, ct)));
        }

        int Created(string kind) => report.Applied ? report[kind].Created : 0;
        return new DemoSeedResult(
            !catalogChanged && parts.All(p => p.Item2 == 0),
            Created(BackstageKinds.Group),
            Created(BackstageKinds.User),
            Created(BackstageKinds.Component),
            Created(BackstageKinds.System),
            Created(BackstageKinds.Domain),
            Created(BackstageKinds.Resource),
            Created(BackstageKinds.Api),
            dependencies)
        {
            Parts = parts,
        };
    }

    private async Task<int> CountDependenciesAsync(CancellationToken ct)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        return await db.Dependencies.CountAsync(ct);
    }

    private static string Read(System.Reflection.Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
