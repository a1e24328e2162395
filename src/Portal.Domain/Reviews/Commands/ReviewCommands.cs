using Microsoft.EntityFrameworkCore;
using Portal.Domain.Auditing;
using Portal.Domain.Common;
using Portal.Domain.Debt;
using Portal.Domain.Persistence;
using Portal.Domain.Reviews.Queries;
using Portal.Domain.Security;

namespace Portal.Domain.Reviews.Commands;

/// <summary>
/// Creates, changes, closes and reopens reviews. Every command checks who may, validates through the entity,
/// audits (refusals too) and detects concurrent edits by version. Closing only marks the review and queues the
/// background job (<see cref="IReviewCloseQueue"/>); <see cref="ReviewCloser"/> does the work.
/// </summary>
public sealed class ReviewCommands(IDbContextFactory<PortalDbContext> dbFactory, IReviewCloseQueue closeQueue, TimeProvider clock)
{
    public const string EntityType = "review";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Creates the review of a quarter (one per quarter).</summary>
    public async Task<(Guid Id, string Quarter)> CreateAsync(Actor actor, ReviewInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var quarter = Quarter.Parse(input.Quarter ?? "", "quarter");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var teams = await ResolveTeamsAsync(db, input.Teams, ct);
        if (!ReviewPermissions.MayCreate(actor, teams))
        {
            await DenyAsync(db, actor, "reviews.create.denied", quarter.ToString(), new { Teams = input.Teams }, ct);
            throw new ForbiddenException(teams.Count == 0
                ? $"{actor.DisplayName} may not create an organisation review: only admins may. Name your teams to review them."
                : $"{actor.DisplayName} may not create a review of teams that are not theirs.");
        }

        if (await db.Reviews.AnyAsync(r => r.Quarter == quarter.ToString(), ct))
        {
            throw new DomainValidationException("quarter", $"there is already a review of {quarter}; open it instead");
        }

        var review = new Review(quarter, input.Title, teams, actor.Name, Now);
        db.Reviews.Add(review);
        AuditLog.Record(db, actor, "reviews.create", EntityType, review.Quarter, null, Snapshot(review));
        await SaveAsync(db, review.Quarter, ct);
        return (review.Id, review.Quarter);
    }

    /// <summary>Changes the title or scope of an open review.</summary>
    public async Task<int> UpdateAsync(Actor actor, string quarter, ReviewInput input, int expectedVersion, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var review = await FindAsync(db, quarter, ct);
        var before = Snapshot(review);
        var teams = await ResolveTeamsAsync(db, input.Teams, ct);
        await RequireRunAsync(db, actor, review, "reviews.update.denied", ct);
        if (!actor.IsAdmin && !ReviewPermissions.MayCreate(actor, teams))
        {
            await DenyAsync(db, actor, "reviews.update.denied", review.Quarter, before, ct);
            throw new ForbiddenException($"{actor.DisplayName} may not widen the review beyond their own teams.");
        }

        db.Entry(review).Property(r => r.Version).OriginalValue = expectedVersion;
        var now = Now;
        review.Retitle(input.Title, now);
        review.SetScope(teams, now);
        AuditLog.Record(db, actor, "reviews.update", EntityType, review.Quarter, before, Snapshot(review, saved: true));
        await SaveAsync(db, review.Quarter, ct);
        return review.Version;
    }

    /// <summary>
    /// Asks for the review to be closed: marks it closing and queues the job. Also retries a close that failed or
    /// whose worker went away.
    /// </summary>
    public async Task<Guid> RequestCloseAsync(Actor actor, string quarter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var review = await FindAsync(db, quarter, ct);
        await RequireRunAsync(db, actor, review, "reviews.close.denied", ct);
        var now = Now;
        if (review.Status == ReviewStatus.Closing)
        {
            var last = await LastRunAsync(db, review, ct);
            if (last is not null && !last.IsGivenUp && !last.IsStaleAt(now))
            {
                throw new DomainValidationException("status", $"the review of {review.Quarter} is already being closed");
            }
        }
        else
        {
            review.BeginClosing(now);
        }

        var run = new ReviewClosing(review.Id, review.Revision, actor.Name, actor.DisplayName, now);
        db.ReviewClosings.Add(run);
        AuditLog.Record(db, actor, "reviews.close", EntityType, review.Quarter, new { Status = nameof(ReviewStatus.Open), review.Revision }, new { Status = review.Status.ToString(), review.Revision, Run = run.Id });
        await SaveAsync(db, review.Quarter, ct);
        closeQueue.Enqueue(review.Id, review.Revision);
        return run.Id;
    }

    /// <summary>Gives up on a close that failed or stalled, so the review can be recorded in again.</summary>
    public async Task CancelCloseAsync(Actor actor, string quarter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var review = await FindAsync(db, quarter, ct);
        await RequireRunAsync(db, actor, review, "reviews.close.cancel.denied", ct);
        var last = await LastRunAsync(db, review, ct);
        if (review.Status != ReviewStatus.Closing || (last is not null && !last.IsGivenUp && !last.IsStaleAt(Now)))
        {
            throw new DomainValidationException("status", "only a close that failed or stopped answering can be cancelled");
        }

        review.CancelClosing(Now);
        AuditLog.Record(db, actor, "reviews.close.cancel", EntityType, review.Quarter, new { Status = nameof(ReviewStatus.Closing) }, new { Status = nameof(ReviewStatus.Open) });
        await SaveAsync(db, review.Quarter, ct);
    }

    /// <summary>Reopens a closed review as its next revision (admins only). The closed snapshot stays as it was.</summary>
    public async Task<int> ReopenAsync(Actor actor, string quarter, string? reason, int expectedVersion, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var review = await FindAsync(db, quarter, ct);
        var before = Snapshot(review);
        if (!actor.IsAdmin)
        {
            await DenyAsync(db, actor, "reviews.reopen.denied", review.Quarter, before, ct);
            throw new ForbiddenException($"{actor.DisplayName} may not reopen a closed review: only admins may.");
        }

        db.Entry(review).Property(r => r.Version).OriginalValue = expectedVersion;
        review.Reopen(actor.Name, reason, Now);
        AuditLog.Record(db, actor, "reviews.reopen", EntityType, review.Quarter, before, Snapshot(review, saved: true));
        await SaveAsync(db, review.Quarter, ct);
        return review.Revision;
    }

    internal static async Task<Review> FindAsync(PortalDbContext db, string quarter, CancellationToken ct)
    {
        var q = Quarter.TryParse(quarter, out var parsed) ? parsed.ToString() : quarter;
        return await db.Reviews.FirstOrDefaultAsync(r => r.Quarter == q, ct) ?? throw new NotFoundException("Review", quarter);
    }

    /// <summary>Throws (and audits the refusal) unless <paramref name="actor"/> may run <paramref name="review"/>.</summary>
    internal static async Task RequireRunAsync(PortalDbContext db, Actor actor, Review review, string deniedAction, CancellationToken ct)
    {
        if (!ReviewPermissions.MayRun(actor, await ExpandedScopeAsync(db, review.ScopeTeamIds, ct)))
        {
            await DenyAsync(db, actor, deniedAction, review.Quarter, null, ct);
            throw new ForbiddenException($"{actor.DisplayName} may not change the review of {review.Quarter}: admins and editors of teams in its scope may.");
        }
    }

    internal static async Task<HashSet<Guid>> ExpandedScopeAsync(PortalDbContext db, IReadOnlyCollection<Guid> scope, CancellationToken ct)
    {
        if (scope.Count == 0)
        {
            return [];
        }

        var teams = await db.Teams.AsNoTracking().Select(t => new { t.Id, t.ParentTeamId }).ToListAsync(ct);
        return ReviewScope.ExpandTeams(scope, teams.Select(t => (t.Id, t.ParentTeamId)));
    }

    internal static async Task DenyAsync(PortalDbContext db, Actor actor, string action, string key, object? before, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        AuditLog.Record(db, actor, action, EntityType, key, before, null, succeeded: false);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Saves <paramref name="db"/>'s changes only while <paramref name="review"/> is still open, checked in the same
    /// transaction as the save: a conditional no-op update of the review's row (which also holds off a concurrent
    /// <see cref="Review.BeginClosing"/> until this save commits) decides. A review that began closing meanwhile
    /// refuses the change, audited under <paramref name="deniedAction"/>, with the reason <see cref="Review.RequireOpen"/> gives.
    /// </summary>
    internal static async Task SaveWhileOpenAsync(
        PortalDbContext db, Actor actor, Review review, string deniedAction, string auditType, string key, string entity, CancellationToken ct)
    {
        // PostgreSQL's retrying strategy replays the whole unit on a transient error; changes are accepted once it commits.
        var saved = await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var open = await db.Reviews.Where(r => r.Id == review.Id && r.Status == ReviewStatus.Open)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.Version, r => r.Version), token);
            if (open != 1)
            {
                return false;
            }

            try
            {
                await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, token);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new ConcurrencyConflictException(entity, key);
            }

            await transaction.CommitAsync(token);
            return true;
        }, ct);
        if (saved)
        {
            db.ChangeTracker.AcceptAllChanges();
            return;
        }

        var now = await db.Reviews.AsNoTracking().FirstAsync(r => r.Id == review.Id, ct);
        db.ChangeTracker.Clear();
        AuditLog.Record(db, actor, deniedAction, auditType, key, null, new { Refused = $"review {now.Status.ToString().ToLowerInvariant()}" }, succeeded: false);
        await db.SaveChangesAsync(ct);
        now.RequireOpen();
        throw new DomainValidationException("status", $"the review of {review.Quarter} is no longer open");
    }

    /// <summary>Refuses, audited, unless <paramref name="review"/> is open (the early check; <see cref="SaveWhileOpenAsync"/> is the final one).</summary>
    internal static async Task RequireOpenAsync(PortalDbContext db, Actor actor, Review review, string deniedAction, string auditType, string key, CancellationToken ct)
    {
        if (review.Status != ReviewStatus.Open)
        {
            db.ChangeTracker.Clear();
            AuditLog.Record(db, actor, deniedAction, auditType, key, null, new { Refused = $"review {review.Status.ToString().ToLowerInvariant()}" }, succeeded: false);
            await db.SaveChangesAsync(ct);
            review.RequireOpen();
        }
    }

    internal static async Task SaveAsync(PortalDbContext db, string key, CancellationToken ct, string entity = "Review")
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(entity, key);
        }
    }

    private static async Task<List<Guid>> ResolveTeamsAsync(PortalDbContext db, IReadOnlyList<string>? refs, CancellationToken ct)
    {
        var teams = await ReviewData.TeamsAsync(db, ct);
        var byRef = teams.Values.ToDictionary(t => t.Ref, StringComparer.OrdinalIgnoreCase);
        var ids = new List<Guid>();
        foreach (var r in (refs ?? []).Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()))
        {
            ids.Add(byRef.TryGetValue(r, out var team) ? team.Id : throw new DomainValidationException("teams", $"there is no team '{r}'"));
        }

        return ids;
    }

    private static Task<ReviewClosing?> LastRunAsync(PortalDbContext db, Review review, CancellationToken ct) =>
        db.ReviewClosings.AsNoTracking().Where(c => c.ReviewId == review.Id && c.Revision == review.Revision).OrderByDescending(c => c.RequestedAt).FirstOrDefaultAsync(ct);

    /// <summary>What the audit log keeps; with <paramref name="saved"/>, the version the pending save gives the row.</summary>
    private static object Snapshot(Review r, bool saved = false) =>
        new { r.Quarter, r.Title, Teams = r.ScopeTeamIds, Status = r.Status.ToString(), r.Revision, r.ReopenReason, Version = saved ? r.Version + 1 : r.Version };
}
