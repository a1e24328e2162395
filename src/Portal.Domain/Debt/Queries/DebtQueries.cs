using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog.Queries;
using Portal.Domain.Common;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Graph;
using Portal.Domain.Persistence;

namespace Portal.Domain.Debt.Queries;

/// <summary>
/// Reads the debt register. Reading never recomputes scores: every write scores its own item, a change of the tables
/// recomputes at once, and the recurring <c>RescoreDebtJob</c> catches up with the graph and the day. Lists show the
/// stored numbers (the ones they sort by); the explanation beside them is computed from the same inputs.
/// </summary>
public sealed partial class DebtQueries(IDbContextFactory<PortalDbContext> dbFactory, DebtScores scores, TimeProvider clock)
{
    /// <summary>The register's totals by filter, for as long as no debt item, link or catalog entity changes.</summary>
    private readonly CountCache _counts = new();

    /// <summary>Open items: every status but Done and Won't fix.</summary>
    internal static readonly DebtStatus[] OpenStatuses = [DebtStatus.Proposed, DebtStatus.Accepted, DebtStatus.Planned, DebtStatus.InProgress];

    /// <summary>Every status that is not open: the same split as <see cref="OpenStatuses"/>, said the other way.</summary>
    internal static readonly DebtStatus[] ClosedStatuses = [.. Enum.GetValues<DebtStatus>().Except(OpenStatuses)];

    /// <summary>A page of the register, filtered, sorted and paged in SQL, each row with its explanation.</summary>
    public async Task<Page<DebtItemSummaryDto>> ListAsync(DebtQuery query, CancellationToken ct = default)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, DebtQuery.MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = Today;

        // The versions are read before counting, so a cached count may be newer than its key but never older.
        var versions = await db.DebtRegisterStates.AsNoTracking()
            .Where(s => s.Id == DebtRegisterState.SingletonId)
            .Select(s => new { s.Version, Graph = db.GraphStates.Where(g => g.Id == GraphState.SingletonId).Select(g => g.Version).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        var countKey = CountKey(query, today, versions?.Graph ?? 0);
        if (versions is null || !_counts.TryGet(versions.Version, countKey, out var total))
        {
            total = await Filter(db, db.DebtItems.AsNoTracking(), query, today).CountAsync(ct);
            if (versions is not null)
            {
                _counts.Set(versions.Version, countKey, total);
            }
        }

        // A page past the end is empty (with the total), as in every other list. Only the columns the row shows, then
        // the page's services in one query: loading whole items with every service and team (as Includes did) cost
        // more than finding the page.
        var page = Math.Max(1, query.Page);
        var rows = await Sort(Filter(db, db.DebtItems.AsNoTracking(), query, today, walkPriority: true), query.Sort, query.Descending)
            .Skip(Paging.Offset(page, pageSize)).Take(pageSize)
            .Select(i => new DebtRegisterRow(
                i.Id, i.Title, i.Status, i.Signal, i.Kind, i.Quadrant, i.Likelihood, i.Impact, i.EffortDays, i.InterestOverride,
                i.InterestHoursPerMonth, i.CostOfDelay, i.Priority, i.PayBackBy, i.TargetQuarter,
                i.OwnerTeam != null ? i.OwnerTeam.Namespace : null, i.OwnerTeam != null ? i.OwnerTeam.Name : null, i.OwnerTeam != null ? i.OwnerTeam.Title : null,
                i.Source, i.ExternalUrl, i.Version, i.UpdatedAt, i.RevisitOn, i.ScoredAt))
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var services = (await db.DebtItemServices.AsNoTracking()
            .Where(l => ids.Contains(l.DebtItemId))
            .OrderBy(l => l.DebtItemId).ThenBy(l => l.ServiceId)
            .Select(l => new DebtRegisterService(
                l.DebtItemId, l.Service.Namespace, l.Service.Name, l.Service.Title, l.Service.Tier,
                l.Service.OwnerTeam != null ? l.Service.OwnerTeam.Namespace : null, l.Service.OwnerTeam != null ? l.Service.OwnerTeam.Name : null))
            .ToListAsync(ct))
            .ToLookup(l => l.DebtItemId);
        var explained = await scores.ExplainManyAsync(db, [.. rows.Select(r => new DebtScoreSubject(
            r.Id, r.Likelihood, r.Impact, r.EffortDays, r.InterestOverride, r.PayBackBy,
            [.. services[r.Id].Select(s => new AffectedService(s.Ref, s.DisplayName, s.Tier))]))], ct);
        return new Page<DebtItemSummaryDto>([.. rows.Select(r => Summary(r, services[r.Id], explained[r.Id]))], total, page, pageSize);
    }

    /// <summary>
    /// What a count depends on besides the register's version: every filter, the day (Won't-fix items come back into the
    /// open view on their look-again date) and the graph's version (deleting a team or a service clears owners and
    /// links in the database, without touching the items).
    /// </summary>
    private static string CountKey(DebtQuery q, DateOnly today, long graphVersion) => string.Join(
        '\u001f', graphVersion.ToString(CultureInfo.InvariantCulture), today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        q.Q?.Trim().ToLowerInvariant(), q.Team?.Trim(), q.Service?.Trim(), q.Signal, q.Kind, q.Quadrant, q.Status?.Trim().ToLowerInvariant(),
        q.Quarter?.Trim().ToLowerInvariant(), q.Source?.Trim().ToLowerInvariant());

    /// <summary>How many items a filter matches, and their summed cost of delay and effort (paging and sort ignored).</summary>
    public async Task<DebtTotals> TotalsAsync(DebtQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var totals = await Filter(db, db.DebtItems.AsNoTracking(), query, Today)
            .GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Cost = g.Sum(i => i.CostOfDelay), Effort = g.Sum(i => i.EffortDays) })
            // One constant key makes one group at most (none when nothing matches): Single says so, where First without an
            // order made EF warn of unpredictable results.
            .SingleOrDefaultAsync(ct);
        return totals is null ? new DebtTotals(0, 0, 0) : new DebtTotals(totals.Count, totals.Cost, totals.Effort);
    }

    /// <summary>One item with everything about it; null when there is no such item.</summary>
    public async Task<DebtItemDetailsDto?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await db.DebtItems.AsNoTracking()
            .Include(i => i.OwnerTeam).Include(i => i.Services).ThenInclude(s => s.Service).ThenInclude(s => s.OwnerTeam)
            .AsSplitQuery().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null)
        {
            return null;
        }

        var score = (await scores.ExplainManyAsync(db, [item], ct))[item.Id];
        var windowStart = DebtScoring.ReportWindowStart(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var reports = await db.DebtReports.AsNoTracking().Where(r => r.DebtItemId == id)
            .OrderByDescending(r => r.OccurredOn).ThenByDescending(r => r.CreatedAt)
            .Select(r => new DebtReportDto(r.Id, r.OccurredOn, r.Hours, r.Note, r.Incident, r.Author, r.AuthorDisplayName, r.CreatedAt, r.OccurredOn >= windowStart && r.RemovedAt == null)
            {
                RemovedAt = r.RemovedAt,
                RemovedBy = r.RemovedBy,
                RemovalReason = r.RemovalReason,
            })
            .ToListAsync(ct);
        return new DebtItemDetailsDto(
            Summary(item, score), item.Description, item.BusinessOutcome, item.InterestOverride, item.WontFixReason, item.RevisitOn, item.OwnerOverridden,
            item.Links, reports, item.CreatedBy, item.CreatedAt, item.DoneAt, item.FindingKey, score)
        {
            GitHubAuthor = item.GitHubAuthor,
            OpenedByOutsider = item.OpenedByOutsider,
            MirrorStoppedAt = item.MirrorStoppedAt,
        };
    }

    /// <summary>References of teams by id, for pages that show what the signed-in person may do.</summary>
    public async Task<IReadOnlyList<string>> TeamRefsAsync(IEnumerable<Guid> teamIds, CancellationToken ct = default)
    {
        var ids = teamIds.ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var teams = await db.Teams.AsNoTracking().Where(t => ids.Contains(t.Id)).Select(t => new { t.Namespace, t.Name }).ToListAsync(ct);
        return [.. teams.Select(t => EntityRef.Format(t.Namespace, t.Name))];
    }

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The stored numbers (the ones the register sorts by) with the explanation computed from the same inputs.</summary>
    internal static DebtItemSummaryDto Summary(DebtItem i, DebtScore? score) => new(
        i.Id, i.Title, i.Status, i.Signal, i.Kind, i.Quadrant, i.Likelihood, i.Impact, i.EffortDays,
        i.InterestHoursPerMonth, i.CostOfDelay, i.Priority,
        i.PayBackBy, i.TargetQuarter,
        i.OwnerTeam is { } t ? new DebtTeamDto(t.Ref, t.Namespace, t.Name, t.DisplayName) : null,
        [.. i.Services.Select(s => s.Service).OrderBy(s => s.Tier).ThenBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => new DebtServiceDto(s.Ref, s.Namespace, s.Name, s.DisplayName, s.Tier, s.OwnerTeam?.Ref))],
        i.Source, i.ExternalUrl, i.Version, i.UpdatedAt, score)
    {
        RevisitOn = i.RevisitOn,
        ScoredAt = i.ScoredAt,
    };

    /// <summary>As <see cref="Summary(DebtItem, DebtScore?)"/>, from a page query's columns.</summary>
    private static DebtItemSummaryDto Summary(DebtRegisterRow r, IEnumerable<DebtRegisterService> services, DebtScore? score) => new(
        r.Id, r.Title, r.Status, r.Signal, r.Kind, r.Quadrant, r.Likelihood, r.Impact, r.EffortDays,
        r.InterestHoursPerMonth, r.CostOfDelay, r.Priority,
        r.PayBackBy, r.TargetQuarter,
        r is { TeamNamespace: { } ns, TeamName: { } name }
            ? new DebtTeamDto(EntityRef.Format(ns, name), ns, name, string.IsNullOrWhiteSpace(r.TeamTitle) ? name : r.TeamTitle)
            : null,
        [.. services.OrderBy(s => s.Tier).ThenBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => new DebtServiceDto(s.Ref, s.Namespace, s.Name, s.DisplayName, s.Tier,
                s is { TeamNamespace: { } tns, TeamName: { } tname } ? EntityRef.Format(tns, tname) : null))],
        r.Source, r.ExternalUrl, r.Version, r.UpdatedAt, score)
    {
        RevisitOn = r.RevisitOn,
        ScoredAt = r.ScoredAt,
    };

    /// <summary>
    /// The query's filters. <paramref name="walkPriority"/> words the default "open" filter so that no index on status
    /// can serve it: four items in five match it, so the best plan for a sorted page walks the priority index and stops
    /// after a page, but SQLite, whose statistics are sampled (or absent before the first ANALYZE), read the IN over
    /// four statuses as selective and gathered and sorted every open item (about 100 ms at 20,000 items, against
    /// 0.1 ms). For a count the IN is the better plan (the status index, 4 ms, against 10 for reading the table).
    /// </summary>
    private static IQueryable<DebtItem> Filter(PortalDbContext db, IQueryable<DebtItem> items, DebtQuery query, DateOnly today, bool walkPriority = false)
    {
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            items = items.Where(i => EF.Functions.Like(i.SearchText, SearchPattern.Contains(query.Q), SearchPattern.Escape));
        }

        if (!string.IsNullOrWhiteSpace(query.Team))
        {
            var (ns, name) = EntityRef.Parse(query.Team.Trim());
            items = items.Where(i => i.OwnerTeam != null && i.OwnerTeam.Name == name && i.OwnerTeam.Namespace == ns);
        }

        if (!string.IsNullOrWhiteSpace(query.Service))
        {
            var (ns, name) = EntityRef.Parse(query.Service.Trim());
            var ids = db.Services.Where(s => s.Name == name && s.Namespace == ns).Select(s => s.Id);

            // "id IN (the service's links)" starts from the service's few links; "EXISTS a link" would test every item.
            var linked = db.DebtItemServices.Where(l => ids.Contains(l.ServiceId)).Select(l => l.DebtItemId);
            items = items.Where(i => linked.Contains(i.Id));
        }

        if (query.Signal is { } signal)
        {
            items = items.Where(i => i.Signal == signal);
        }

        if (query.Kind is { } kind)
        {
            items = items.Where(i => i.Kind == kind);
        }

        if (query.Quadrant is { } quadrant)
        {
            items = items.Where(i => i.Quadrant == quadrant);
        }

        var status = query.Status?.Trim().ToLowerInvariant();
        if (status is "look-again" or "lookagain")
        {
            items = items.Where(i => i.Status == DebtStatus.WontFix && i.RevisitOn != null && i.RevisitOn <= today);
        }
        else if (status is null or "" or "open")
        {
            // Open work, and Won't-fix decisions whose look-again date has come: they need a person again.
            items = walkPriority
                ? items.Where(i => !ClosedStatuses.Contains(i.Status) || (i.Status == DebtStatus.WontFix && i.RevisitOn != null && i.RevisitOn <= today))
                : items.Where(i => OpenStatuses.Contains(i.Status) || (i.Status == DebtStatus.WontFix && i.RevisitOn != null && i.RevisitOn <= today));
        }
        else if (StatusFilter(query.Status) is { } statuses)
        {
            items = items.Where(i => statuses.Contains(i.Status));
        }

        if (!string.IsNullOrWhiteSpace(query.Quarter))
        {
            var quarter = Quarter.Parse(query.Quarter, "quarter").ToString();
            items = items.Where(i => i.TargetQuarter == quarter);
        }

        switch (query.Source?.Trim().ToLowerInvariant())
        {
            case null or "":
                break;
            case "github":
                items = items.Where(i => i.Source == DataSource.GitHub && i.ExternalUrl != null);
                break;
            case "portal":
                items = items.Where(i => i.Source != DataSource.GitHub || i.ExternalUrl == null);
                break;
            default:
                throw new DomainValidationException("source", $"'{query.Source}' is not github (items mirroring a GitHub issue) or portal (the rest)");
        }

        return items;
    }

    /// <summary>The statuses a <see cref="DebtQuery.Status"/> stands for; null for all.</summary>
    public static DebtStatus[]? StatusFilter(string? status) => status?.Trim().ToLowerInvariant() switch
    {
        null or "" or "open" => OpenStatuses,
        "closed" => [DebtStatus.Done, DebtStatus.WontFix],
        "all" => null,
        "look-again" or "lookagain" => [DebtStatus.WontFix],
        _ => DebtEnums.TryParse<DebtStatus>(status, out var s)
            ? [s]
            : throw new DomainValidationException("status", $"'{status}' is not open, closed, all, look-again or a status ({string.Join(", ", Enum.GetNames<DebtStatus>().Select(DebtEnums.Kebab))})"),
    };

    private static IOrderedQueryable<DebtItem> Sort(IQueryable<DebtItem> items, string? sort, bool? descending)
    {
        var (key, numeric) = (sort ?? "priority").Trim().ToLowerInvariant() switch
        {
            "priority" => ((Expression<Func<DebtItem, object?>>)(i => i.Priority), true),
            "costofdelay" or "cost" => (i => i.CostOfDelay, true),
            "effort" or "effortdays" => (i => i.EffortDays, true),
            "interest" => (i => i.InterestHoursPerMonth, true),
            "title" => (i => i.Title, false),
            "status" => (i => i.Status == DebtStatus.Proposed ? 0 : i.Status == DebtStatus.Accepted ? 1 : i.Status == DebtStatus.Planned ? 2
                : i.Status == DebtStatus.InProgress ? 3 : i.Status == DebtStatus.Done ? 4 : 5, false),
            "signal" => (i => i.Signal, false),
            "paybackby" => (i => i.PayBackBy, false),
            "quarter" or "targetquarter" => (i => i.TargetQuarter, false),
            "updated" => (i => i.UpdatedAt, true),
            "created" => (i => i.CreatedAt, true),
            _ => throw new DomainValidationException("sort", $"'{sort}' is not one of priority, costOfDelay, effort, interest, title, status, signal, payBackBy, quarter, updated, created"),
        };
        var desc = descending ?? numeric;
        return (desc ? items.OrderByDescending(key) : items.OrderBy(key)).ThenBy(i => i.Id);
    }
}
