using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Graph;
using Portal.Domain.Persistence;

namespace Portal.Domain.Catalog.Queries;

/// <summary>Read side of the catalog, shared by pages, the REST API and the CLI.</summary>
public sealed class CatalogQueries(IDbContextFactory<PortalDbContext> dbFactory)
{
    private readonly CountCache _counts = new();

    internal static readonly Expression<Func<Service, ServiceSummaryDto>> ToSummary = s => new ServiceSummaryDto(
        s.Name,
        s.Namespace,
        s.Title ?? s.Name,
        s.Description,
        s.Kind,
        s.Tier,
        s.Lifecycle,
        s.OwnerTeam != null ? s.OwnerTeam.Name : null,
        s.OwnerTeam != null ? (s.OwnerTeam.Title ?? s.OwnerTeam.Name) : null,
        s.System != null ? s.System.Name : null,
        s.System != null ? (s.System.Title ?? s.System.Name) : null,
        s.Tags,
        s.UpdatedAt);

    public async Task<Page<ServiceSummaryDto>> ListServicesAsync(ServiceQuery query, CancellationToken ct = default)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, ServiceQuery.MaxPageSize);
        var page = Math.Max(1, query.Page);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var services = Filter(db.Services.AsNoTracking(), query);
        var version = await db.GraphStates.AsNoTracking().Where(g => g.Id == GraphState.SingletonId).Select(g => g.Version).FirstOrDefaultAsync(ct);
        var countKey = string.Join('\u001f', query.Q?.Trim().ToLowerInvariant(), query.Owner, query.Tier, query.Lifecycle, query.System, query.Kind, query.Tag);
        if (!_counts.TryGet(version, countKey, out var total))
        {
            total = await services.CountAsync(ct);
            _counts.Set(version, countKey, total);
        }

        var items = await Sort(services, query.SortBy, query.Descending)
            .Skip(Paging.Offset(page, pageSize))
            .Take(pageSize)
            .Select(ToSummary)
            .ToListAsync(ct);
        return new Page<ServiceSummaryDto>(items, total, page, pageSize);
    }

    private static IQueryable<Service> Filter(IQueryable<Service> services, ServiceQuery query)
    {
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var q = query.Q.Trim().ToLowerInvariant();
            services = services.Where(s => EF.Functions.Like(s.SearchText, SearchPattern.Contains(q), SearchPattern.Escape));
        }

        if (!string.IsNullOrWhiteSpace(query.Owner))
        {
            var (ns, name) = EntityRef.Parse(query.Owner.Trim());
            services = services.Where(s => s.OwnerTeam != null && s.OwnerTeam.Name == name && s.OwnerTeam.Namespace == ns);
        }

        if (query.Tier is { } tier)
        {
            services = services.Where(s => s.Tier == tier);
        }

        if (query.Lifecycle is { } lifecycle)
        {
            services = services.Where(s => s.Lifecycle == lifecycle);
        }

        if (!string.IsNullOrWhiteSpace(query.System))
        {
            var (ns, name) = EntityRef.Parse(query.System.Trim());
            services = services.Where(s => s.System != null && s.System.Name == name && s.System.Namespace == ns);
        }

        if (!string.IsNullOrWhiteSpace(query.Kind))
        {
            var kind = query.Kind.Trim().ToLowerInvariant();
            services = services.Where(s => s.Kind == kind);
        }

        if (!string.IsNullOrWhiteSpace(query.Tag))
        {
            var tag = query.Tag.Trim().ToLowerInvariant();
            services = services.Where(s => s.Tags.Contains(tag));
        }

        return services;
    }

    private static IOrderedQueryable<Service> Sort(IQueryable<Service> services, string? sortBy, bool descending)
    {
        Expression<Func<Service, object?>> key = sortBy?.ToLowerInvariant() switch
        {
            "title" => s => s.Title ?? s.Name,
            "tier" => s => s.Tier,
            "lifecycle" => s => s.Lifecycle,
            "kind" => s => s.Kind,
            "owner" => s => s.OwnerTeam != null ? s.OwnerTeam.Name : null,
            "system" => s => s.System != null ? s.System.Name : null,
            "updated" => s => s.UpdatedAt,
            _ => s => s.Name,
        };
        var ordered = descending ? services.OrderByDescending(key) : services.OrderBy(key);
        return ordered.ThenBy(s => s.Name).ThenBy(s => s.Namespace);
    }

    public async Task<ServiceDetailsDto?> GetServiceAsync(string reference, CancellationToken ct = default)
    {
        var (ns, name) = EntityRef.Parse(reference);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var s = await db.Services.AsNoTracking()
            .Include(x => x.OwnerTeam)
            .Include(x => x.OnCallTeam)
            .Include(x => x.System).ThenInclude(x => x!.Domain)
            .FirstOrDefaultAsync(x => x.Namespace == ns && x.Name == name, ct);
        if (s is null)
        {
            return null;
        }

        var apis = await db.ServiceApis.AsNoTracking()
            .Where(x => x.ServiceId == s.Id)
            .Select(x => new { x.Relation, x.Api.Name })
            .ToListAsync(ct);
        var dependencies = await db.Dependencies.AsNoTracking()
            .Where(d => d.SourceServiceId == s.Id)
            .Select(d => new DependencyDto(
                d.TargetService != null ? d.TargetService.Name : d.TargetResource!.Name,
                d.TargetService != null ? "service" : "resource",
                d.TargetService != null ? (d.TargetService.Title ?? d.TargetService.Name) : (d.TargetResource!.Title ?? d.TargetResource.Name),
                d.Kind,
                d.TimeoutMs,
                d.Retries,
                d.Fallback,
                d.Access)
            {
                Backoff = d.Backoff,
                CircuitBreaker = d.CircuitBreaker,
                Bulkhead = d.Bulkhead,
            })
            .ToListAsync(ct);
        var dependents = await db.Dependencies.AsNoTracking()
            .Where(d => d.TargetServiceId == s.Id)
            .Select(d => d.SourceService)
            .OrderBy(x => x.Name)
            .Select(ToSummary)
            .ToListAsync(ct);
        var waiting = await db.PendingReferences.AsNoTracking()
            .Where(p => p.RecordId == s.Id)
            .Select(p => new WaitingReferenceDto(p.Field, p.Target))
            .ToListAsync(ct);

        return new ServiceDetailsDto(
            s.Id,
            s.Name,
            s.Namespace,
            s.Title,
            s.DisplayName,
            s.Description,
            s.Kind,
            s.Tier,
            s.Lifecycle,
            s.OwnerTeam is null ? null : new TeamRefDto(s.OwnerTeam.Name, s.OwnerTeam.Namespace, s.OwnerTeam.DisplayName),
            s.OwnerTeamId,
            s.OnCallTeam is null ? null : new TeamRefDto(s.OnCallTeam.Name, s.OnCallTeam.Namespace, s.OnCallTeam.DisplayName),
            s.OwnerRef,
            s.OwnerTeam?.ContactChannel ?? s.OwnerTeam?.Email,
            s.System?.Name,
            s.System?.DisplayName,
            s.System?.Domain?.Name,
            s.System?.Domain?.DisplayName,
            s.RepositoryUrl,
            s.Tags,
            [.. s.Links.Select(l => new LinkDto(l.Url, l.Title, l.Type))],
            s.Annotations,
            [.. apis.Where(a => a.Relation == ApiRelation.Provides).Select(a => a.Name).Order(StringComparer.Ordinal)],
            [.. apis.Where(a => a.Relation == ApiRelation.Consumes).Select(a => a.Name).Order(StringComparer.Ordinal)],
            [.. dependencies.OrderBy(d => d.Target, StringComparer.Ordinal)],
            dependents,
            s.Source.ToString(),
            s.SourceLocation,
            s.IsOrphaned,
            s.UpdatedAt,
            s.Version)
        {
            Waiting = [.. waiting.OrderBy(w => w.Field, StringComparer.Ordinal).ThenBy(w => w.Target, StringComparer.Ordinal)],
        };
    }

    public async Task<Page<TeamSummaryDto>> ListTeamsAsync(string? q, int page, int pageSize, CancellationToken ct = default)
    {
        pageSize = Math.Clamp(pageSize, 1, ServiceQuery.MaxPageSize);
        page = Math.Max(1, page);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var teams = db.Teams.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().ToLowerInvariant();
            teams = teams.Where(t => EF.Functions.Like(t.SearchText, SearchPattern.Contains(term), SearchPattern.Escape));
        }

        var total = await teams.CountAsync(ct);
        var items = await teams.OrderBy(t => t.Name).ThenBy(t => t.Namespace)
            .Skip(Paging.Offset(page, pageSize)).Take(pageSize)
            .Select(t => new TeamSummaryDto(
                t.Name,
                t.Namespace,
                t.Title ?? t.Name,
                t.Description,
                t.ParentTeam != null ? t.ParentTeam.Name : null,
                t.ParentTeam != null ? (t.ParentTeam.Title ?? t.ParentTeam.Name) : null,
                t.Memberships.Count,
                db.Services.Count(s => s.OwnerTeamId == t.Id),
                t.IsGone))
            .ToListAsync(ct);
        return new Page<TeamSummaryDto>(items, total, page, pageSize);
    }

    public async Task<TeamDetailsDto?> GetTeamAsync(string reference, CancellationToken ct = default)
    {
        var (ns, name) = EntityRef.Parse(reference);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var t = await db.Teams.AsNoTracking()
            .Include(x => x.ParentTeam)
            .Include(x => x.Memberships).ThenInclude(m => m.Person)
            .AsSplitQuery()
            .FirstOrDefaultAsync(x => x.Namespace == ns && x.Name == name, ct);
        if (t is null)
        {
            return null;
        }

        var subTeams = await db.Teams.AsNoTracking().Where(x => x.ParentTeamId == t.Id).OrderBy(x => x.Name)
            .Select(x => new TeamRefDto(x.Name, x.Namespace, x.Title ?? x.Name)).ToListAsync(ct);
        var services = await db.Services.AsNoTracking().Where(s => s.OwnerTeamId == t.Id).OrderBy(s => s.Name)
            .Select(ToSummary).ToListAsync(ct);
        return new TeamDetailsDto(
            t.Id,
            t.Name,
            t.Namespace,
            t.DisplayName,
            t.Description,
            t.Type,
            t.ContactChannel,
            t.Email,
            t.ParentTeam is null ? null : new TeamRefDto(t.ParentTeam.Name, t.ParentTeam.Namespace, t.ParentTeam.DisplayName),
            subTeams,
            [.. t.Memberships.OrderByDescending(m => m.Role).ThenBy(m => m.Person.Name, StringComparer.Ordinal)
                .Select(m => new MemberDto(m.Person.Name, m.Person.DisplayName, m.Person.Email, m.Role))],
            services,
            t.IsGone,
            t.Version);
    }

    public async Task<PersonDetailsDto?> GetPersonAsync(string reference, CancellationToken ct = default)
    {
        var (ns, name) = EntityRef.Parse(reference);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var p = await db.People.AsNoTracking()
            .Include(x => x.Memberships).ThenInclude(m => m.Team)
            .FirstOrDefaultAsync(x => x.Namespace == ns && x.Name == name, ct);
        return p is null
            ? null
            : new PersonDetailsDto(
                p.Name,
                p.Namespace,
                p.DisplayName,
                p.Email,
                p.GitHubLogin,
                p.Role.ToString(),
                [.. p.Memberships.OrderBy(m => m.Team.Name, StringComparer.Ordinal)
                    .Select(m => new PersonTeamDto(m.Team.Name, m.Team.Namespace, m.Team.DisplayName, m.Role))],
                p.Phone,
                p.Version);
    }

    /// <summary>Services whose pages go to this team: those it is on call for, and those it owns without another on-call team.</summary>
    public async Task<IReadOnlyList<ServiceSummaryDto>> ServicesPagingTeamAsync(string teamRef, CancellationToken ct = default)
    {
        var (ns, name) = EntityRef.Parse(teamRef);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Services.AsNoTracking()
            .Where(s => s.OnCallTeam != null
                ? s.OnCallTeam.Namespace == ns && s.OnCallTeam.Name == name
                : s.OwnerTeam != null && s.OwnerTeam.Namespace == ns && s.OwnerTeam.Name == name)
            .OrderBy(s => s.Tier).ThenBy(s => s.Name)
            .Select(ToSummary)
            .ToListAsync(ct);
    }

    public async Task<DashboardCountsDto> CountsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return new DashboardCountsDto(
            await db.Services.CountAsync(ct),
            await db.Teams.CountAsync(ct),
            await db.People.CountAsync(ct),
            await db.Systems.CountAsync(ct),
            await db.Resources.CountAsync(ct),
            await db.Apis.CountAsync(ct),
            await db.Dependencies.CountAsync(ct),
            await db.Services.CountAsync(s => s.OwnerTeamId == null, ct),
            await db.Services.CountAsync(s => s.Tier == 1, ct),
            await db.Services.CountAsync(s => s.Lifecycle == Lifecycle.Deprecated, ct));
    }

    /// <summary>True when the catalog holds nothing yet: the app shows onboarding instead of the dashboard.</summary>
    public async Task<bool> IsEmptyAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return !await db.Services.AnyAsync(ct) && !await db.Teams.AnyAsync(ct);
    }

    /// <summary>
    /// Suggestions for filter boxes: references of teams, systems, people or services (ranked as pickers rank them: exact, then
    /// prefix matches first), or kinds and tags (alphabetical) that contain <paramref name="q"/>.
    /// </summary>
    public async Task<IReadOnlyList<string>> SuggestAsync(SuggestionKind kind, string? q, int take = 20, CancellationToken ct = default)
    {
        var term = (q ?? "").Trim().ToLowerInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (kind is SuggestionKind.Team or SuggestionKind.System or SuggestionKind.Person or SuggestionKind.Service)
        {
            return await DisplayNameQueries.Records(db, kind, NameMatching.Term(term)).BestFirst()
                .Select(r => r.Namespace == CatalogName.DefaultNamespace ? r.Name : r.Namespace + "/" + r.Name)
                .Take(take).ToListAsync(ct);
        }

        IQueryable<string> names = kind == SuggestionKind.Kind
            ? db.Services.AsNoTracking().Where(x => x.Kind.Contains(term)).Select(x => x.Kind).Distinct()
            : db.Services.AsNoTracking().SelectMany(x => x.Tags).Where(t => t.Contains(term)).Distinct();
        return await names.OrderBy(n => n).Take(take).ToListAsync(ct);
    }

    /// <summary>
    /// Names that are also the address of a page right under an entity's section (<c>/catalog/import</c>,
    /// <c>/scorecards/framework</c>). A page's fixed address wins over an entity's name, so an entity called like that is
    /// always addressed with its namespace (<c>/catalog/default/import</c>). A new page at such an address adds its name here.
    /// </summary>
    public static IReadOnlySet<string> ReservedRouteNames { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "import", "framework" };

    /// <summary>
    /// Names of the pages under an entity's address (<c>/catalog/{ns}/{name}/edit</c>, <c>…/dependencies</c>,
    /// <c>/teams/{ns}/{name}/on-call</c>). The address of an entity in another namespace named like one of them
    /// (<c>/catalog/ns/edit</c>) is also the address of that page of an entity of the default namespace, and a fixed
    /// segment wins; such an entity's own page is addressed with <see cref="OverviewSegment"/> (<see cref="PagePath"/>).
    /// </summary>
    public static IReadOnlySet<string> SubPageNames { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "edit", "dependencies", "on-call" };

    /// <summary>The last segment of an entity page's unambiguous address: <c>/catalog/ns/edit/overview</c>.</summary>
    public const string OverviewSegment = "overview";

    /// <summary>
    /// The path of an entity's own page under its section: <see cref="Route"/>, and <c>/overview</c> when the name in
    /// another namespace is also the name of a page under an entity (<see cref="SubPageNames"/>).
    /// </summary>
    public static string PagePath(string ns, string name) =>
        ns != CatalogName.DefaultNamespace && SubPageNames.Contains(name) ? $"{Route(ns, name)}/{OverviewSegment}" : Route(ns, name);

    /// <summary>
    /// URL path segment(s) for an entity; the default namespace is left out, except for a name that is also a page's
    /// address (<see cref="ReservedRouteNames"/>). Links to the entity's own page use <see cref="PagePath"/>.
    /// </summary>
    public static string Route(string ns, string name) =>
        ns == CatalogName.DefaultNamespace && !ReservedRouteNames.Contains(name)
            ? Uri.EscapeDataString(name)
            : $"{Uri.EscapeDataString(ns)}/{Uri.EscapeDataString(name)}";
}
