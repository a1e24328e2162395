using Microsoft.EntityFrameworkCore;
using Portal.Domain.Auditing;
using Portal.Domain.Common;
using Portal.Domain.Persistence;
using Portal.Domain.Scorecards.Framework;
using Portal.Domain.Scorecards.Records;
using Portal.Domain.Security;

namespace Portal.Domain.Scorecards;

/// <summary>
/// The framework versions in the database. Until an admin saves one, the default framework that ships with Portal
/// is version 1 (written on first use). Saving validates the whole document and creates the next version; versions
/// are never changed, so results keep pointing at what they were evaluated under.
/// </summary>
public sealed class FrameworkStore(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, ScorecardFramework> _versions = new();
    private volatile ScorecardFramework? _current;

    /// <summary>The framework in force: the highest version.</summary>
    public async Task<ScorecardFramework> CurrentAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var latest = await db.ScorecardFrameworkVersions.AsNoTracking().MaxAsync(v => (int?)v.Version, ct);
        if (latest is null)
        {
            return await SeedDefaultAsync(db, ct);
        }

        if (_current is { } cached && cached.Version == latest)
        {
            return cached;
        }

        var yaml = await db.ScorecardFrameworkVersions.AsNoTracking().Where(v => v.Version == latest).Select(v => v.Yaml).FirstAsync(ct);
        var framework = await LinkAsync(FrameworkYaml.Parse(yaml).WithVersion(latest.Value), ct);
        _current = framework;
        return framework;
    }

    /// <summary>One version, or null when there is no such version.</summary>
    public async Task<ScorecardFramework?> VersionAsync(int version, CancellationToken ct = default)
    {
        // Saved versions never change, so each is parsed once per process.
        if (_versions.TryGetValue(version, out var cached))
        {
            return cached;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var yaml = await db.ScorecardFrameworkVersions.AsNoTracking().Where(v => v.Version == version).Select(v => v.Yaml).FirstOrDefaultAsync(ct);
        if (yaml is null)
        {
            return version == 1 ? FrameworkYaml.Default : null;
        }

        return _versions.GetOrAdd(version, await LinkAsync(FrameworkYaml.Parse(yaml).WithVersion(version), ct));
    }

    /// <summary>
    /// Links a version to the one before it when it carries effective dates, so a changed definition that is not
    /// effective yet leaves the previous one counting (<see cref="ScorecardFramework.Following"/>).
    /// </summary>
    private async Task<ScorecardFramework> LinkAsync(ScorecardFramework framework, CancellationToken ct) =>
        framework.Version > 1 && framework.Criteria.Any(c => c.EffectiveFrom is not null && !c.Retired)
            ? framework.Following(await VersionAsync(framework.Version - 1, ct))
            : framework;

    /// <summary>Every saved version, newest first.</summary>
    public async Task<IReadOnlyList<FrameworkVersionInfo>> HistoryAsync(CancellationToken ct = default)
    {
        await CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.ScorecardFrameworkVersions.AsNoTracking().OrderByDescending(v => v.Version)
            .Select(v => new { v.Version, v.CreatedBy, v.CreatedAt, v.Yaml }).ToListAsync(ct);
        return [.. rows.Select(r => new FrameworkVersionInfo(r.Version, r.CreatedBy, r.CreatedAt, FrameworkYaml.Parse(r.Yaml).Criteria.Count))];
    }

    /// <summary>The current version as YAML.</summary>
    public async Task<string> CurrentYamlAsync(CancellationToken ct = default) => FrameworkYaml.Write(await CurrentAsync(ct));

    /// <summary>
    /// Saves <paramref name="yaml"/> as the next version (admins only; audited, refusals too). Throws
    /// <see cref="FrameworkValidationException"/> naming every problem; nothing is saved unless all of it is valid.
    /// <paramref name="expectedVersion"/>, when given, must be the current version (someone else saved in between otherwise).
    /// </summary>
    public async Task<ScorecardFramework> SaveAsync(Actor actor, string yaml, int? expectedVersion = null, CancellationToken ct = default)
    {
        await EnsureMaySaveAsync(actor, ct);
        var current = await CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        if (expectedVersion is { } expected && expected != current.Version)
        {
            throw new ConcurrencyConflictException("Scorecard framework", $"version {expected}");
        }

        var parsed = FrameworkYaml.Parse(yaml);
        var next = current.Version + 1;
        var framework = parsed.WithVersion(next).Following(current);
        var text = FrameworkYaml.Write(framework);
        db.ScorecardFrameworkVersions.Add(new FrameworkVersionRecord(next, text, actor.Name, clock.GetUtcNow().UtcDateTime));
        AuditLog.Record(db, actor, "scorecards.framework.save", "scorecard-framework", next.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { current.Version, Criteria = current.Criteria.Select(c => c.Key).ToArray() },
            new { Version = next, Criteria = framework.Criteria.Select(c => c.Key).ToArray(), Yaml = text });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two admins saving at once both asked for the same next version; the primary key lets one win.
            throw new ConcurrencyConflictException("Scorecard framework", $"version {current.Version}");
        }

        _current = framework;
        return framework;
    }

    /// <summary>
    /// Refuses (audited, throws <see cref="ForbiddenException"/>) anyone but an admin, before a document is even read:
    /// the API asks this first, so a non-admin cannot make Portal read and parse a large body.
    /// </summary>
    public async Task EnsureMaySaveAsync(Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.IsAdmin)
        {
            return;
        }

        var current = await CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        AuditLog.Record(db, actor, "scorecards.framework.save.denied", "scorecard-framework", current.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), null, null, succeeded: false);
        await db.SaveChangesAsync(ct);
        throw new ForbiddenException($"{actor.DisplayName} may not change the scorecard framework: only admins may.");
    }

    private async Task<ScorecardFramework> SeedDefaultAsync(PortalDbContext db, CancellationToken ct)
    {
        var framework = FrameworkYaml.Default;
        db.ScorecardFrameworkVersions.Add(new FrameworkVersionRecord(1, FrameworkYaml.Write(framework), Actor.System.Name, clock.GetUtcNow().UtcDateTime));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance wrote version 1 first; it is the same default.
        }

        _current = framework;
        return framework;
    }
}
