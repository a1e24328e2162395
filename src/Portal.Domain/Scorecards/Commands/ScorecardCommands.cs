using Microsoft.EntityFrameworkCore;
using Portal.Domain.Auditing;
using Portal.Domain.Common;
using Portal.Domain.Persistence;
using Portal.Domain.Scorecards.Records;
using Portal.Domain.Security;
using Portal.Domain.Security.Queries;
using Portal.Domain.Scorecards.Queries;
using Portal.Domain.Scorecards.Evaluation;

namespace Portal.Domain.Scorecards.Commands;

/// <summary>
/// Writes to scorecards: answers, exemptions and pushed results. Each checks who may, validates through the
/// record, audits (refusals too), detects concurrent edits by version, and re-evaluates the service at once.
/// </summary>
public sealed class ScorecardCommands(
    IDbContextFactory<PortalDbContext> dbFactory, FrameworkStore frameworks, ScorecardEvaluation evaluation, TimeProvider clock)
{
    /// <summary>
    /// Answers (or re-attests) a self-assessed criterion. Editors of the owner team and admins only.
    /// <paramref name="expectedVersion"/> is the answer's version the user saw; null means "there is no answer yet",
    /// so a first answer that meets an existing one is a conflict rather than a silent overwrite.
    /// </summary>
    public async Task<AnswerDto> AnswerAsync(Actor actor, string serviceRef, string criterionKey, int maturity, string? note, string? evidenceUrl,
        int? expectedVersion = null, CancellationToken ct = default)
    {
        var framework = await frameworks.CurrentAsync(ct);
        var criterion = framework.Find(criterionKey) ?? throw new NotFoundException("Criterion", criterionKey);
        if (criterion.Mode != CriterionMode.SelfAssessed)
        {
            throw new DomainValidationException("criterion", $"'{criterionKey}' is {Framework.FrameworkNames.Mode(criterion.Mode)}, not self-assessed: it cannot be answered");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var service = await FindServiceAsync(db, serviceRef, ct);
        var key = $"{service.Ref}/{criterionKey}";
        var answer = await db.ScorecardAnswers.FirstOrDefaultAsync(a => a.ServiceId == service.Id && a.CriterionKey == criterionKey, ct);
        var before = answer is null ? null : Snapshot(answer);
        if (!actor.CanEdit(service.OwnerTeamId))
        {
            await DenyAsync(db, actor, "scorecards.answer.denied", "scorecard-answer", key, before, ct);
            throw new ForbiddenException($"{actor.DisplayName} may not answer for '{service.Ref}': only editors of its owner team and admins may.");
        }

        var existed = answer is not null;
        if (answer is null)
        {
            if (expectedVersion is > 0)
            {
                throw new ConcurrencyConflictException("Answer", key);
            }

            answer = new SelfAssessment(service.Id, criterionKey);
            db.ScorecardAnswers.Add(answer);
        }
        else if (expectedVersion is { } expected)
        {
            db.Entry(answer).Property(a => a.Version).OriginalValue = expected;
        }

        answer.Answer(maturity, note, evidenceUrl, actor.Name, actor.DisplayName, clock.GetUtcNow().UtcDateTime, framework.AnswerValidityDays);
        if (existed && expectedVersion is null)
        {
            // No version means "there is no answer yet": someone answered first, and this would overwrite it unseen.
            throw new ConcurrencyConflictException("Answer", key);
        }

        AuditLog.Record(db, actor, before is null ? "scorecards.answer.create" : "scorecards.answer.update", "scorecard-answer", key, before, Snapshot(answer));
        await SaveAsync(db, "Answer", key, ct);
        await evaluation.EvaluateServicesAsync([service.Id], ct);
        var now = clock.GetUtcNow().UtcDateTime;
        // The new answer's result, so the caller learns at once when automatic evidence contradicts it.
        var stored = await db.ServiceScorecards.AsNoTracking().FirstOrDefaultAsync(r => r.ServiceId == service.Id, ct);
        var result = stored?.Results.FirstOrDefault(r => r.Criterion == criterionKey);
        return new AnswerDto(answer.CriterionKey, answer.Maturity, answer.Note, answer.EvidenceUrl, answer.AnsweredByName, answer.AnsweredAt, answer.ExpiresAt,
            now >= answer.ExpiresAt, answer.Version, result?.Flagged == true, result?.FlagReason);
    }

    /// <summary>
    /// Requests an exemption: editors of the owner team and admins; a permanent one (no end date) only admins.
    /// Waits for an admin's approval before it applies.
    /// </summary>
    public async Task<ExemptionDto> RequestExemptionAsync(Actor actor, string serviceRef, string criterionKey, string? reason, DateOnly? endsOn, CancellationToken ct = default)
    {
        var framework = await frameworks.CurrentAsync(ct);
        _ = framework.Find(criterionKey) ?? throw new NotFoundException("Criterion", criterionKey);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var service = await FindServiceAsync(db, serviceRef, ct);
        var key = $"{service.Ref}/{criterionKey}";
        if (!actor.CanEdit(service.OwnerTeamId))
        {
            await DenyAsync(db, actor, "scorecards.exemption.request.denied", "scorecard-exemption", key, null, ct);
            throw new ForbiddenException($"{actor.DisplayName} may not request exemptions for '{service.Ref}': only editors of its owner team and admins may.");
        }

        if (endsOn is null && !actor.IsAdmin)
        {
            await DenyAsync(db, actor, "scorecards.exemption.request.denied", "scorecard-exemption", key, new { Permanent = true }, ct);
            throw new ForbiddenException("Only admins may request a permanent exemption; give an end date.");
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (!actor.IsAdmin && endsOn is { } end && end > today.AddDays(Exemption.MaxEditorDays))
        {
            throw new DomainValidationException("endsOn", $"{end:yyyy-MM-dd} is more than {Exemption.MaxEditorDays} days away; ask for {today.AddDays(Exemption.MaxEditorDays):yyyy-MM-dd} at the latest and renew it then, or ask an admin for longer");
        }

        if (await db.ScorecardExemptions.AnyAsync(e => e.ServiceId == service.Id && e.CriterionKey == criterionKey && e.Status == ExemptionStatus.Requested, ct))
        {
            throw new DomainValidationException("criterion", $"an exemption for '{criterionKey}' on '{service.Ref}' is already waiting for approval");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        // Every name linked to the requester now is kept with the request: an unlink later does not cut the tie.
        var sameAccount = await SameAccountNames.OfAsync(db, actor, ct);
        var exemption = new Exemption(service.Id, criterionKey, reason, endsOn, actor, now, sameAccount);
        db.ScorecardExemptions.Add(exemption);
        AuditLog.Record(db, actor, "scorecards.exemption.request", "scorecard-exemption", key, null, Snapshot(exemption));
        await db.SaveChangesAsync(ct);
        return ScorecardQueries.ToDto(exemption, service.Ref, DateOnly.FromDateTime(now));
    }

    /// <summary>Approves or rejects a request (admins only; a rejection needs a note). The level changes at once.</summary>
    public Task<ExemptionDto> DecideExemptionAsync(Actor actor, Guid exemptionId, bool approve, string? note, int expectedVersion, CancellationToken ct = default) =>
        ChangeExemptionAsync(actor, exemptionId, approve ? "approve" : "reject", expectedVersion, ct, (e, now) => e.Decide(approve, actor, now, note));

    /// <summary>Ends an approved exemption (or withdraws a request) before its end date. Admins, or editors of the owner team for their own requests.</summary>
    public Task<ExemptionDto> RevokeExemptionAsync(Actor actor, Guid exemptionId, string? note, int expectedVersion, CancellationToken ct = default) =>
        ChangeExemptionAsync(actor, exemptionId, "revoke", expectedVersion, ct, (e, now) => e.Revoke(actor.Name, actor.DisplayName, now, note));

    /// <summary>
    /// Records a result pushed by another system for an external criterion: admins, and editors of the service's
    /// owner team (API tokens carry no team, so in practice an admin token).
    /// </summary>
    public Task PushResultAsync(Actor actor, string serviceRef, string criterionKey, CriterionStatus status, string? evidence, CancellationToken ct = default) =>
        PushResultsAsync(actor, [new PushedResultInput(serviceRef, criterionKey, status, evidence)], ct);

    /// <summary>
    /// Records many pushed results all or nothing: every entry is checked first (criterion external, service in the
    /// catalog, evidence given, the actor may edit the service; problems name <c>results[i].field</c>), then all are
    /// saved in one transaction and each service is evaluated once. Two first pushes at once do not fail: the one that
    /// loses the unique index starts again and updates the row the other created.
    /// </summary>
    public async Task<int> PushResultsAsync(Actor actor, IReadOnlyList<PushedResultInput> results, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0)
        {
            throw new DomainValidationException("results", "must list at least one result");
        }

        var framework = await frameworks.CurrentAsync(ct);
        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            var criterion = framework.Find(r.Criterion.Trim())
                ?? throw new DomainValidationException($"results[{i}].criterion", $"'{r.Criterion}' is not a criterion of framework version {framework.Version}");
            if (criterion.Mode != CriterionMode.External)
            {
                throw new DomainValidationException($"results[{i}].criterion", $"'{criterion.Key}' is {Framework.FrameworkNames.Mode(criterion.Mode)}: only external criteria take pushed results");
            }

            if (r.Status == CriterionStatus.Exempt)
            {
                throw new DomainValidationException($"results[{i}].status", "must be pass, fail or unknown; exemptions are requested in Portal");
            }

            if (string.IsNullOrWhiteSpace(r.Evidence))
            {
                throw new DomainValidationException($"results[{i}].evidence", "is required: say what was checked and found");
            }
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var serviceIds = await SavePushedAsync(actor, results, ct);
                await evaluation.EvaluateServicesAsync(serviceIds, ct);
                return results.Count;
            }
            catch (DbUpdateException) when (attempt < ScorecardEvaluation.Attempts)
            {
                // Someone else pushed the same first result at the same moment: start again from what is stored.
            }
        }
    }

    private async Task<List<Guid>> SavePushedAsync(Actor actor, IReadOnlyList<PushedResultInput> results, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var services = new Dictionary<string, (Guid Id, string Ref, Guid? OwnerTeamId)>(StringComparer.Ordinal);
        for (var i = 0; i < results.Count; i++)
        {
            var reference = results[i].Service.Trim();
            if (!services.ContainsKey(reference))
            {
                try
                {
                    services[reference] = await FindServiceAsync(db, reference, ct);
                }
                catch (Exception ex) when (ex is NotFoundException or DomainValidationException or FormatException or ArgumentException)
                {
                    throw new DomainValidationException($"results[{i}].service", $"'{results[i].Service}' is not a service in the catalog");
                }
            }

            var service = services[reference];
            if (!actor.CanEdit(service.OwnerTeamId))
            {
                await DenyAsync(db, actor, "scorecards.result.push.denied", "scorecard-result", $"{service.Ref}/{results[i].Criterion.Trim()}", null, ct);
                throw new ForbiddenException($"{actor.DisplayName} may not push results for '{service.Ref}': only editors of its owner team and admins may (API tokens carry no team, so use an admin token).");
            }
        }

        var ids = services.Values.Select(s => s.Id).Distinct().ToList();
        var existing = (await db.ScorecardPushedResults.Where(p => ids.Contains(p.ServiceId)).ToListAsync(ct))
            .ToDictionary(p => (p.ServiceId, p.CriterionKey));
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var r in results)
        {
            var service = services[r.Service.Trim()];
            var criterionKey = r.Criterion.Trim();
            var key = $"{service.Ref}/{criterionKey}";
            if (!existing.TryGetValue((service.Id, criterionKey), out var pushed))
            {
                pushed = new PushedResult(service.Id, criterionKey);
                db.ScorecardPushedResults.Add(pushed);
                existing[(service.Id, criterionKey)] = pushed;
            }

            var before = pushed.ReportedAt == default ? null : new { Status = pushed.Status.ToString(), pushed.Evidence, pushed.ReportedAt, pushed.Source };
            pushed.Report(r.Status, r.Evidence, actor.Name, now);
            AuditLog.Record(db, actor, "scorecards.result.push", "scorecard-result", key, before, new { Status = pushed.Status.ToString(), pushed.Evidence, pushed.ReportedAt, pushed.Source });
        }

        // One SaveChanges is one transaction: every result or none.
        await db.SaveChangesAsync(ct);
        return ids;
    }

    private async Task<ExemptionDto> ChangeExemptionAsync(Actor actor, Guid id, string verb, int expectedVersion, CancellationToken ct, Action<Exemption, DateTime> change)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var exemption = await db.ScorecardExemptions.FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw new NotFoundException("Exemption", id.ToString());
        var service = await db.Services.AsNoTracking().Where(s => s.Id == exemption.ServiceId).Select(s => new { s.Id, s.Namespace, s.Name, s.OwnerTeamId }).FirstAsync(ct);
        var serviceRef = EntityRef.Format(service.Namespace, service.Name);
        var key = $"{serviceRef}/{exemption.CriterionKey}";
        var before = Snapshot(exemption);
        var ownRequest = verb == "revoke" && exemption.Status == ExemptionStatus.Requested && actor.CanEdit(service.OwnerTeamId);
        if (!actor.IsAdmin && !ownRequest)
        {
            await DenyAsync(db, actor, $"scorecards.exemption.{verb}.denied", "scorecard-exemption", key, before, ct);
            throw new ForbiddenException($"{actor.DisplayName} may not {verb} exemptions: only admins may.");
        }

        if (verb is "approve" or "reject" && !await MayDecideAsync(db, exemption, actor, ct))
        {
            await DenyAsync(db, actor, $"scorecards.exemption.{verb}.denied", "scorecard-exemption", key, before, ct);
            throw new ForbiddenException($"{actor.DisplayName} requested this exemption and may not {verb} it: another admin decides.");
        }

        db.Entry(exemption).Property(e => e.Version).OriginalValue = expectedVersion;
        var now = clock.GetUtcNow().UtcDateTime;
        change(exemption, now);
        AuditLog.Record(db, actor, $"scorecards.exemption.{verb}", "scorecard-exemption", key, before, Snapshot(exemption));
        await SaveAsync(db, "Exemption", key, ct);
        await evaluation.EvaluateServicesAsync([service.Id], ct);
        return ScorecardQueries.ToDto(exemption, serviceRef, DateOnly.FromDateTime(now));
    }

    /// <summary>Four eyes (<see cref="ExemptionFourEyes"/>, the same rule the page uses to offer the buttons).</summary>
    private static async Task<bool> MayDecideAsync(PortalDbContext db, Exemption exemption, Actor actor, CancellationToken ct) =>
        await ExemptionFourEyes.MayDecideAsync(db, exemption.RequestedBy, exemption.RequestedByAlso, actor, await ExemptionFourEyes.DeciderNamesAsync(db, actor, ct), ct);

    private static async Task<(Guid Id, string Ref, Guid? OwnerTeamId)> FindServiceAsync(PortalDbContext db, string serviceRef, CancellationToken ct)
    {
        var (ns, name) = EntityRef.Parse(serviceRef.Trim());
        var s = await db.Services.AsNoTracking().Where(x => x.Namespace == ns && x.Name == name).Select(x => new { x.Id, x.OwnerTeamId }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("Service", serviceRef);
        return (s.Id, EntityRef.Format(ns, name), s.OwnerTeamId);
    }

    private static async Task DenyAsync(PortalDbContext db, Actor actor, string action, string type, string key, object? before, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        AuditLog.Record(db, actor, action, type, key, before, null, succeeded: false);
        await db.SaveChangesAsync(ct);
    }

    private static async Task SaveAsync(PortalDbContext db, string entity, string key, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(entity, key);
        }
        catch (DbUpdateException)
        {
            // The unique index: someone answered the same criterion first.
            throw new ConcurrencyConflictException(entity, key);
        }
    }

    private static object Snapshot(SelfAssessment a) => new { a.CriterionKey, a.Maturity, a.Note, a.EvidenceUrl, a.AnsweredBy, a.AnsweredAt, a.ExpiresAt, a.Version };

    private static object Snapshot(Exemption e) => new
    {
        e.CriterionKey, e.Reason, e.EndsOn, Status = e.Status.ToString(), e.RequestedBy, e.RequestedByAlso, e.RequestedAt, e.DecidedBy, e.DecidedAt, e.DecisionNote, e.Version,
    };
}
