using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Auditing;
using Portal.Domain.Catalog;
using Portal.Domain.Common;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Persistence;
using Portal.Domain.Security;

namespace Portal.Domain.Debt.Csv;

/// <summary>
/// Creates debt items from a CSV file (admins, and editors for services their teams own): every line is checked first
/// (fields, that services and teams exist, permissions, duplicates in the register and in the file) and every problem
/// is reported with its line and column. By default all or nothing: only a file without a single problem is written,
/// in one transaction; when the person chooses "import the valid rows" (<see cref="DebtImportMode.ValidRows"/>), the
/// lines without a problem are written in one transaction and the others are skipped and reported. Each created item's history names the import (file, line, import id) and the import itself is audited,
/// refused imports too.
/// </summary>
public sealed class DebtCsvImporter(IDbContextFactory<PortalDbContext> dbFactory, DebtCommands commands, TimeProvider clock)
{
    /// <summary>The audit log's entity type for imports; the key is the import's id.</summary>
    public const string EntityType = "debt-import";

    /// <summary>The largest file accepted, in bytes.</summary>
    public const int MaxBytes = 1_048_576;

    /// <summary>Reads <paramref name="content"/> and checks it; writes the items unless <paramref name="preview"/> or a problem is found.</summary>
    public Task<DebtImportResult> ImportAsync(Actor actor, string fileName, Stream content, bool preview, CancellationToken ct = default) =>
        ImportAsync(actor, fileName, content, preview ? DebtImportMode.Preview : DebtImportMode.AllOrNothing, ct);

    /// <summary>Reads <paramref name="content"/>, checks it, and writes what <paramref name="mode"/> says.</summary>
    public async Task<DebtImportResult> ImportAsync(Actor actor, string fileName, Stream content, DebtImportMode mode, CancellationToken ct = default)
    {
        var preview = mode == DebtImportMode.Preview;
        var file = string.IsNullOrWhiteSpace(fileName) ? "upload.csv" : Path.GetFileName(fileName.Trim());
        if (!actor.IsAdmin && actor.Role != PortalRole.Editor)
        {
            await RefuseAsync(actor, file, "Viewers may not import debt items; ask an editor of the owning team or an admin.", ct);
            throw new ForbiddenException("Viewers may not import debt items; ask an editor of the owning team or an admin.");
        }

        var text = await ReadAsync(content, ct);
        if (text is null)
        {
            return await ResultAsync(actor, file, [], [new DebtImportProblem(0, "", $"the file is larger than {ByteSize.Describe(MaxBytes)}; split it into smaller files")], preview, ct);
        }

        var parse = DebtCsvReader.Read(text, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var problems = parse.Problems.ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        problems.AddRange(await CheckAsync(db, actor, parse.Rows, ct));
        var items = parse.Rows.Select(r => new DebtImportItem(r.Line, r.Edit.Title.Trim(), r.Edit.Services, r.Edit.Status, r.Edit.Signal, r.Edit.EffortDays)).ToList();
        var bad = problems.Select(p => p.Line).ToHashSet();
        var rows = parse.Rows.Zip(items).Where(r => !bad.Contains(r.First.Line)).ToList();
        var skipValid = mode == DebtImportMode.ValidRows && rows.Count > 0 && !problems.Any(StopsEverything);
        if (preview || (problems.Count > 0 && !skipValid))
        {
            return await ResultAsync(actor, file, items, [.. problems.OrderBy(p => p.Line)], preview, ct);
        }

        var importId = Guid.NewGuid();
        var created = new List<DebtImportItem>();
        foreach (var (row, item) in rows)
        {
            var entity = await commands.StageCreateAsync(db, actor, row.Edit, allowDuplicate: true, ct, new DebtImportSource(importId, file, row.Line));
            created.Add(item with { Id = entity.Id });
        }

        var skipped = bad.Order().ToList();
        AuditLog.Record(db, actor, "debt.import", EntityType, importId.ToString(), null,
            new { File = file, Items = created.Count, Ids = created.Select(c => c.Id).ToArray(), SkippedLines = skipped });
        await db.SaveChangesAsync(ct);
        return new DebtImportResult(file, created, [.. problems.OrderBy(p => p.Line)], Written: true) { ImportId = importId, SkippedLines = skipped };
    }

    /// <summary>
    /// A problem with the file rather than with one line (its header, broken quoting, too many rows, no rows): the
    /// lines cannot be trusted to be what they seem, so not even the valid ones are written.
    /// </summary>
    public static bool StopsEverything(DebtImportProblem problem) => problem.Line <= 1 || problem.Column.Length == 0;

    /// <summary>The file's text (a byte order mark decides the encoding, UTF-8 otherwise); null when it is too large.</summary>
    private static async Task<string?> ReadAsync(Stream content, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        using var reader = new StreamReader(buffer, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return await reader.ReadToEndAsync(ct);
    }

    /// <summary>What only the database can tell: services and teams exist, the actor may log debt on them, no duplicates.</summary>
    private static async Task<List<DebtImportProblem>> CheckAsync(PortalDbContext db, Actor actor, IReadOnlyList<DebtCsvRow> rows, CancellationToken ct)
    {
        var problems = new List<DebtImportProblem>();
        var serviceNames = rows.SelectMany(r => r.Edit.Services).Select(r => EntityRef.Parse(r).Name).Distinct().ToList();
        var services = (await db.Services.AsNoTracking().Include(s => s.OwnerTeam).Where(s => serviceNames.Contains(s.Name)).ToListAsync(ct))
            .ToDictionary(s => s.Ref, StringComparer.Ordinal);
        var teamNames = rows.Select(r => r.Edit.OwnerTeam).OfType<string>().Select(r => EntityRef.Parse(r).Name).Distinct().ToList();
        var teams = (await db.Teams.AsNoTracking().Where(t => teamNames.Contains(t.Name)).ToListAsync(ct)).ToDictionary(t => t.Ref, StringComparer.Ordinal);
        var titles = rows.Select(r => r.Edit.Title.Trim().ToLowerInvariant()).Distinct().ToList();
        var existing = await db.DebtItems.AsNoTracking().Where(i => titles.Contains(i.Title.ToLower()))
            .Select(i => new { i.Title, i.Status, Services = i.Services.Select(s => s.ServiceId).ToList() }).ToListAsync(ct);
        var seen = new Dictionary<(string Title, Guid Service), int>();
        foreach (var row in rows)
        {
            var resolved = new List<Service>();
            foreach (var reference in row.Edit.Services.Distinct(StringComparer.Ordinal))
            {
                if (services.TryGetValue(reference, out var service))
                {
                    resolved.Add(service);
                }
                else
                {
                    problems.Add(new DebtImportProblem(row.Line, DebtCsvColumns.Services, $"there is no service called '{reference}'"));
                }
            }

            Team? owner = null;
            if (row.Edit.OwnerTeam is { } ownerRef && !teams.TryGetValue(ownerRef, out owner))
            {
                problems.Add(new DebtImportProblem(row.Line, DebtCsvColumns.OwnerTeam, $"there is no team called '{ownerRef}'"));
            }

            if (DebtCommands.WhyNot(actor, resolved, row.Edit.Title) is { } why)
            {
                problems.Add(new DebtImportProblem(row.Line, DebtCsvColumns.Services, why));
            }

            if (DebtCommands.OwnerRefusal(actor, row.Edit.OwnerTeam, owner, current: null) is { } ownerWhy)
            {
                problems.Add(new DebtImportProblem(row.Line, DebtCsvColumns.OwnerTeam, ownerWhy));
            }

            var title = row.Edit.Title.Trim().ToLowerInvariant();
            var ids = resolved.Select(s => s.Id).ToHashSet();
            if (existing.FirstOrDefault(e => e.Title.Equals(title, StringComparison.OrdinalIgnoreCase) && e.Services.Any(ids.Contains)) is { } twin)
            {
                problems.Add(new DebtImportProblem(row.Line, DebtCsvColumns.Title, $"the register already has '{twin.Title}' ({DebtEnums.Title(twin.Status)}) on the same service"));
            }

            foreach (var id in ids)
            {
                if (!seen.TryAdd((title, id), row.Line))
                {
                    problems.Add(new DebtImportProblem(row.Line, DebtCsvColumns.Title, $"line {seen[(title, id)]} has the same title on the same service"));
                    break;
                }
            }
        }

        return problems;
    }

    /// <summary>A preview, or a refusal (audited) when there are problems.</summary>
    private async Task<DebtImportResult> ResultAsync(
        Actor actor, string file, IReadOnlyList<DebtImportItem> items, IReadOnlyList<DebtImportProblem> problems, bool preview, CancellationToken ct)
    {
        if (!preview && problems.Count > 0)
        {
            await RefuseAsync(actor, file, $"{problems.Count} problem(s), first on line {problems[0].Line}: {problems[0].Column} {problems[0].Reason}".Trim(), ct);
        }

        return new DebtImportResult(file, items, problems, Written: false);
    }

    private async Task RefuseAsync(Actor actor, string file, string reason, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        AuditLog.Record(db, actor, "debt.import.refused", EntityType, Guid.NewGuid().ToString(), null, new { File = file, Refused = reason }, succeeded: false);
        await db.SaveChangesAsync(ct);
    }
}
