using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain.Catalog.Queries;
using Portal.Domain.Common;
using Portal.Domain.Debt.Candidates;
using Portal.Domain.Graph.Queries;
using Portal.Domain.Persistence;

namespace Portal.Domain.Debt.Queries;

/// <summary>
/// Suggested debt items: the current graph's findings (cached by graph version) and the ownership-health findings,
/// minus those already accepted as an item (any status) and those dismissed.
/// </summary>
public sealed class DebtCandidateQueries(
    IDbContextFactory<PortalDbContext> dbFactory, GraphService graphs, OwnershipHealth ownership, IOptions<OwnershipThresholds> thresholds)
{
    /// <summary>One page of open candidates, in the order of <see cref="DebtCandidates.From"/>.</summary>
    public async Task<Page<DebtCandidate>> ListAsync(DebtCandidateQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Page < 1)
        {
            throw new DomainValidationException("page", "must be 1 or more");
        }

        if (query.PageSize is < 1 or > 200)
        {
            throw new DomainValidationException("pageSize", "must be between 1 and 200");
        }

        var open = await OpenAsync(ct);
        IEnumerable<DebtCandidate> filtered = open;
        if (query.Origin is { } origin)
        {
            filtered = filtered.Where(c => c.Origin == origin);
        }

        if (!string.IsNullOrWhiteSpace(query.Team))
        {
            var team = query.Team.Trim();
            filtered = filtered.Where(c => c.Teams.Contains(team, StringComparer.Ordinal));
        }

        if (!string.IsNullOrWhiteSpace(query.Service))
        {
            var service = query.Service.Trim();
            filtered = filtered.Where(c => c.Services.Contains(service, StringComparer.Ordinal));
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var text = query.Text.Trim();
            filtered = filtered.Where(c => c.Title.Contains(text, StringComparison.OrdinalIgnoreCase)
                || c.Summary.Contains(text, StringComparison.OrdinalIgnoreCase)
                || c.Remedy.Contains(text, StringComparison.OrdinalIgnoreCase));
        }

        var all = filtered as IReadOnlyCollection<DebtCandidate> ?? [.. filtered];
        return new Page<DebtCandidate>([.. all.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)], all.Count, query.Page, query.PageSize);
    }

    /// <summary>The open candidate with this key, or null when it was accepted, dismissed, or the finding is gone.</summary>
    public async Task<DebtCandidate?> FindAsync(string key, CancellationToken ct = default) =>
        (await OpenAsync(ct)).FirstOrDefault(c => c.Key == key);

    /// <summary>Every dismissal, newest first.</summary>
    public async Task<IReadOnlyList<DebtCandidateDismissalDto>> DismissedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.DebtCandidateDismissals.AsNoTracking().ToListAsync(ct);
        return [.. rows.OrderByDescending(d => d.CreatedAt)
            .Select(d => new DebtCandidateDismissalDto(d.FindingKey, d.Title, d.Reason, d.DismissedBy, d.DismissedByDisplayName, d.CreatedAt))];
    }

    /// <summary>Every current candidate nobody has accepted or dismissed.</summary>
    public async Task<IReadOnlyList<DebtCandidate>> OpenAsync(CancellationToken ct = default)
    {
        var snapshot = await graphs.CurrentAsync(ct);
        var findings = await ownership.FindingsAsync(thresholds.Value, ct);
        var all = DebtCandidates.From(snapshot.Graph, snapshot.Analysis, findings);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var taken = (await db.DebtItems.AsNoTracking().Where(i => i.FindingKey != null).Select(i => i.FindingKey!).ToListAsync(ct))
            .Concat(await db.DebtCandidateDismissals.AsNoTracking().Select(d => d.FindingKey).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        return [.. all.Where(c => !taken.Contains(c.Key))];
    }
}
