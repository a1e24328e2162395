using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Domain.Common;
using Portal.Domain.Debt.Queries;
using Portal.Domain.Persistence;

namespace Portal.Domain.Scorecards.Evaluation;

/// <summary>
/// Copies what the automatic checks need out of the database as <see cref="ServiceFacts"/>: a handful of
/// set-based queries whatever the number of services, so evaluating 10,000 services costs the same few round trips.
/// </summary>
public sealed class ScorecardFactsLoader(IDbContextFactory<PortalDbContext> dbFactory, DebtQueries? debt = null)
{
    /// <summary>Facts for the given services, or for every service when <paramref name="serviceIds"/> is null; keyed by service id.</summary>
    public async Task<Dictionary<Guid, ServiceFacts>> LoadAsync(IReadOnlyCollection<Guid>? serviceIds, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Services.AsNoTracking();
        if (serviceIds is not null)
        {
            query = query.Where(s => serviceIds.Contains(s.Id));
        }

        var services = await query
            .Select(s => new { s.Id, s.Namespace, s.Name, s.Title, s.Tier, s.Lifecycle, s.OwnerRef, s.OwnerTeamId, s.OnCallTeamId, s.Links, s.UpdatedAt })
            .ToListAsync(ct);

        // For a few services, only their teams' and their own rows; for all, whole tables in a handful of queries.
        var ids = services.Select(s => s.Id).ToList();
        var teamIds = services.SelectMany(s => new[] { s.OwnerTeamId, s.OnCallTeamId }).OfType<Guid>().Distinct().ToList();
        var partial = serviceIds is not null;
        var teamQuery = db.Teams.AsNoTracking();
        var membershipQuery = db.TeamMemberships.AsNoTracking();
        var rotationQuery = db.OnCallRotations.AsNoTracking();
        var apiQuery = db.ServiceApis.AsNoTracking().Where(a => a.Relation == ApiRelation.Provides);
        var dependencyQuery = db.Dependencies.AsNoTracking();
        var repositoryQuery = db.GitHubRepositories.AsNoTracking().Where(r => r.ServiceId != null && !r.IsGone);
        if (partial)
        {
            teamQuery = teamQuery.Where(t => teamIds.Contains(t.Id));
            membershipQuery = membershipQuery.Where(m => teamIds.Contains(m.TeamId));
            rotationQuery = rotationQuery.Where(r => teamIds.Contains(r.TeamId));
            apiQuery = apiQuery.Where(a => ids.Contains(a.ServiceId));
            dependencyQuery = dependencyQuery.Where(d => ids.Contains(d.SourceServiceId));
            repositoryQuery = repositoryQuery.Where(r => ids.Contains(r.ServiceId!.Value));
        }

        var teams = await teamQuery
            .Select(t => new { t.Id, t.Namespace, t.Name, t.Title, t.IsGone, Members = t.Memberships.Count })
            .ToDictionaryAsync(t => t.Id, ct);
        var members = (await membershipQuery.Select(m => new { m.TeamId, m.PersonId }).ToListAsync(ct))
            .ToLookup(m => m.TeamId, m => m.PersonId);
        var rotations = (await rotationQuery
                .Select(r => new { r.TeamId, People = r.Participants.Select(p => p.PersonId).ToList() })
                .ToListAsync(ct))
            .ToLookup(r => r.TeamId);
        var apis = await apiQuery
            .GroupBy(a => a.ServiceId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var edgesChanged = await dependencyQuery
            .GroupBy(d => d.SourceServiceId).Select(g => new { g.Key, At = g.Max(d => d.UpdatedAt) }).ToDictionaryAsync(g => g.Key, g => g.At, ct);
        var repositories = (await repositoryQuery
                .Select(r => new { ServiceId = r.ServiceId!.Value, r.Organization, r.Name, r.WorkflowCount, r.ReleasesLast90Days, r.DeploymentsLast90Days, r.DefaultBranchProtected, r.EvidenceAt, r.UpdatedAt })
                .ToListAsync(ct))
            .GroupBy(r => r.ServiceId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.UpdatedAt).First());
        IReadOnlyDictionary<Guid, ServiceDebtCost>? costs = debt is null ? null
            : partial ? await debt.OpenCostOfDelayByIdAsync(ids, ct) : await debt.OpenCostOfDelayOfEveryServiceAsync(ct);

        var facts = new Dictionary<Guid, ServiceFacts>(services.Count);
        foreach (var s in services)
        {
            var team = s.OwnerTeamId is { } tid && teams.TryGetValue(tid, out var t) ? t : null;
            var paged = s.OnCallTeamId is { } oid && teams.TryGetValue(oid, out var p) ? p : null;
            var owner = new OwnerFacts(
                s.OwnerRef ?? (team is null ? null : EntityRef.Format(team.Namespace, team.Name)),
                team is null ? null : EntityRef.Format(team.Namespace, team.Name),
                team is null ? null : team.Title ?? team.Name,
                team?.Members ?? 0,
                team?.IsGone ?? false,
                paged is null || paged.Id == team?.Id ? null : EntityRef.Format(paged.Namespace, paged.Name));

            var pagedId = paged?.Id ?? team?.Id;
            var onCall = OnCallFacts.None;
            if (pagedId is { } pid)
            {
                var teamRotations = rotations[pid].ToList();
                var people = teamRotations.SelectMany(r => r.People).ToHashSet();
                var ownMembers = team is null ? [] : members[team.Id].ToHashSet();
                onCall = new OnCallFacts(teamRotations.Count, teamRotations.Count(r => r.People.Count > 0), people.Count, people.Count(ownMembers.Contains));
            }

            DeliveryEvidence? delivery = repositories.TryGetValue(s.Id, out var repo)
                ? new DeliveryEvidence($"{repo.Organization}/{repo.Name}", repo.WorkflowCount, repo.ReleasesLast90Days, repo.DeploymentsLast90Days, repo.DefaultBranchProtected, repo.EvidenceAt, repo.UpdatedAt)
                : null;
            var asOf = edgesChanged.TryGetValue(s.Id, out var e) && e > s.UpdatedAt ? e : s.UpdatedAt;
            var debtCost = costs is not null && costs.TryGetValue(s.Id, out var c) ? c : null;
            facts[s.Id] = new ServiceFacts(
                EntityRef.Format(s.Namespace, s.Name), s.Title ?? s.Name, s.Tier, s.Lifecycle, owner, onCall, s.Links, apis.GetValueOrDefault(s.Id), delivery, debtCost?.CostOfDelayHours, asOf, debtCost?.ScoredAt);
        }

        return facts;
    }
}
