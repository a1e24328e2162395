using Microsoft.EntityFrameworkCore;
using Portal.Domain.Persistence;
using Portal.Domain.Scorecards.Records;

namespace Portal.Domain.Scorecards.Evaluation;

/// <summary>Answers, approved exemptions and pushed results per service, in three queries whatever the number of services.</summary>
internal static class ServiceInputsLoader
{
    /// <summary>Inputs of the given services, or of every service when <paramref name="serviceIds"/> is null; services with none are left out.</summary>
    public static async Task<Dictionary<Guid, ServiceInputs>> LoadAsync(IDbContextFactory<PortalDbContext> dbFactory, IReadOnlyCollection<Guid>? serviceIds, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var answers = db.ScorecardAnswers.AsNoTracking();
        var exemptions = db.ScorecardExemptions.AsNoTracking().Where(e => e.Status == ExemptionStatus.Approved);
        var pushed = db.ScorecardPushedResults.AsNoTracking();
        if (serviceIds is not null)
        {
            answers = answers.Where(a => serviceIds.Contains(a.ServiceId));
            exemptions = exemptions.Where(e => serviceIds.Contains(e.ServiceId));
            pushed = pushed.Where(p => serviceIds.Contains(p.ServiceId));
        }

        var a = (await answers.ToListAsync(ct)).ToLookup(x => x.ServiceId);
        var e = (await exemptions.ToListAsync(ct)).ToLookup(x => x.ServiceId);
        var p = (await pushed.ToListAsync(ct)).ToLookup(x => x.ServiceId);
        var result = new Dictionary<Guid, ServiceInputs>();
        foreach (var id in a.Select(g => g.Key).Concat(e.Select(g => g.Key)).Concat(p.Select(g => g.Key)).Distinct())
        {
            result[id] = new ServiceInputs([.. a[id].Select(x => x.ToAnswer())], [.. e[id].Select(x => x.ToGrant())], [.. p[id].Select(x => x.ToResult())]);
        }

        return result;
    }
}
