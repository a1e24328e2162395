using Microsoft.EntityFrameworkCore;
using Portal.Domain.Auditing;
using Portal.Domain.Catalog;
using Portal.Domain.Common;
using Portal.Domain.OnCall.Queries;
using Portal.Domain.Persistence;
using Portal.Domain.Security;
using Portal.Domain.Scorecards.Evaluation;

namespace Portal.Domain.OnCall.Commands;

/// <summary>
/// Changes to on-call rotations and overrides. Only members of the team (and their parent teams) and
/// admins may change them; every change is audited and guarded by the rotation's version. A saved or deleted rotation
/// re-evaluates the scorecards of the services the team owns or is paged for (their on-call criteria read it).
/// </summary>
public sealed class OnCallCommands(IDbContextFactory<PortalDbContext> dbFactory, ScorecardEvaluation? scorecards = null)
{
    /// <summary>Creates the team's rotation for <paramref name="level"/>, or changes it when it exists.</summary>
    public async Task<RotationDetailsDto> SaveRotationAsync(Actor actor, string teamRef, OnCallLevel level, RotationEdit edit, int? expectedVersion, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var team = await FindTeamAsync(db, teamRef, ct);
        await RequireAsync(db, actor, team, "on-call.save.denied", ct);

        var people = await ResolvePeopleAsync(db, edit.Participants, ct);
        var rotation = await db.OnCallRotations.WithChildren().FirstOrDefaultAsync(r => r.TeamId == team.Id && r.Level == level, ct);
        var before = rotation is null ? null : RotationDetailsDto.From(rotation);
        if (rotation is null)
        {
            rotation = OnCallRotation.Create(team, level, edit.Name, edit.ShiftLength, edit.ShiftUnit, edit.HandoffTime, edit.TimeZoneId, edit.StartDate);
            db.OnCallRotations.Add(rotation);
        }
        else
        {
            if (expectedVersion is { } version)
            {
                db.Entry(rotation).Property(r => r.Version).OriginalValue = version;
            }

            rotation.Rename(edit.Name);
            rotation.SetShift(edit.ShiftLength, edit.ShiftUnit, edit.HandoffTime, edit.TimeZoneId, edit.StartDate);
        }

        rotation.SetParticipants(people);
        rotation.LinkExternalSchedule(edit.ExternalScheduleProvider, edit.ExternalScheduleId);
        AuditLog.Record(db, actor, before is null ? "on-call.create" : "on-call.update", "on-call-rotation", $"{team.Ref}/{level}", Audit(before), Audit(RotationDetailsDto.From(rotation)));
        await SaveAsync(db, team.Ref, ct);
        await EvaluateScorecardsAsync(db, team.Id, ct);
        return RotationDetailsDto.From(rotation);
    }

    public async Task<OverrideDto> AddOverrideAsync(Actor actor, Guid rotationId, string personRef, DateTime startUtc, DateTime endUtc, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rotation = await db.OnCallRotations.WithChildren().Include(r => r.Team).FirstOrDefaultAsync(r => r.Id == rotationId, ct)
            ?? throw new NotFoundException("Rotation", rotationId.ToString());
        await RequireAsync(db, actor, rotation.Team, "on-call.override.denied", ct);
        var person = (await ResolvePeopleAsync(db, [personRef], ct))[0];
        var added = rotation.AddOverride(person, startUtc, endUtc);
        AuditLog.Record(db, actor, "on-call.override.add", "on-call-rotation", $"{rotation.Team.Ref}/{rotation.Level}", null,
            new { person = person.Ref, startUtc = added.StartUtc, endUtc = added.EndUtc });
        await SaveAsync(db, rotation.Team.Ref, ct);
        return OverrideDto.From(added, person);
    }

    public async Task RemoveOverrideAsync(Actor actor, Guid rotationId, Guid overrideId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rotation = await db.OnCallRotations.WithChildren().Include(r => r.Team).FirstOrDefaultAsync(r => r.Id == rotationId, ct)
            ?? throw new NotFoundException("Rotation", rotationId.ToString());
        await RequireAsync(db, actor, rotation.Team, "on-call.override.denied", ct);
        var existing = rotation.Overrides.FirstOrDefault(o => o.Id == overrideId) ?? throw new NotFoundException("Override", overrideId.ToString());
        var before = new { person = existing.Person.Ref, startUtc = existing.StartUtc, endUtc = existing.EndUtc };
        rotation.RemoveOverride(overrideId);
        AuditLog.Record(db, actor, "on-call.override.remove", "on-call-rotation", $"{rotation.Team.Ref}/{rotation.Level}", before, null);
        await SaveAsync(db, rotation.Team.Ref, ct);
    }

    public async Task DeleteRotationAsync(Actor actor, Guid rotationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rotation = await db.OnCallRotations.WithChildren().Include(r => r.Team).FirstOrDefaultAsync(r => r.Id == rotationId, ct)
            ?? throw new NotFoundException("Rotation", rotationId.ToString());
        await RequireAsync(db, actor, rotation.Team, "on-call.delete.denied", ct);
        AuditLog.Record(db, actor, "on-call.delete", "on-call-rotation", $"{rotation.Team.Ref}/{rotation.Level}", Audit(RotationDetailsDto.From(rotation)), null);
        db.OnCallRotations.Remove(rotation);
        await SaveAsync(db, rotation.Team.Ref, ct);
        await EvaluateScorecardsAsync(db, rotation.TeamId, ct);
    }

    /// <summary>Evaluates now the scorecards of the services the team owns or is paged for; only theirs read its rotations.</summary>
    private async Task EvaluateScorecardsAsync(PortalDbContext db, Guid teamId, CancellationToken ct)
    {
        if (scorecards is null)
        {
            return;
        }

        var services = await db.Services.AsNoTracking().Where(s => s.OwnerTeamId == teamId || s.OnCallTeamId == teamId).Select(s => s.Id).ToListAsync(ct);
        if (services.Count > 0)
        {
            await scorecards.EvaluateServicesAsync(services, ct);
        }
    }

    private static async Task<Team> FindTeamAsync(PortalDbContext db, string teamRef, CancellationToken ct)
    {
        var (ns, name) = EntityRef.Parse(teamRef.Trim());
        return await db.Teams.FirstOrDefaultAsync(t => t.Namespace == ns && t.Name == name, ct) ?? throw new NotFoundException("Team", teamRef);
    }

    private static async Task RequireAsync(PortalDbContext db, Actor actor, Team team, string deniedAction, CancellationToken ct)
    {
        if (actor.CanEdit(team.Id))
        {
            return;
        }

        AuditLog.Record(db, actor, deniedAction, "team", team.Ref, null, null, succeeded: false);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        throw new ForbiddenException($"{actor.DisplayName} may not change on-call for '{team.Ref}': only its members and admins may.");
    }

    private static async Task<List<Person>> ResolvePeopleAsync(PortalDbContext db, IReadOnlyList<string> refs, CancellationToken ct)
    {
        var people = new List<Person>();
        foreach (var reference in refs.Where(r => !string.IsNullOrWhiteSpace(r)))
        {
            var (ns, name) = EntityRef.Parse(reference.Trim());
            people.Add(await db.People.FirstOrDefaultAsync(p => p.Namespace == ns && p.Name == name, ct)
                ?? throw new DomainValidationException("participants", $"'{reference}' is not a person in the catalog"));
        }

        if (people.Select(p => p.Id).Distinct().Count() != people.Count)
        {
            throw new DomainValidationException("participants", "a person can take only one turn in a rotation");
        }

        return people;
    }

    private static async Task SaveAsync(PortalDbContext db, string teamRef, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException("On-call rotation", teamRef);
        }
        catch (DbUpdateException ex) when (ex.InnerException?.Message.Contains("unique", StringComparison.OrdinalIgnoreCase) == true
                                           || ex.InnerException?.Message.Contains("duplicate", StringComparison.OrdinalIgnoreCase) == true)
        {
            // Two people created the same level at once: the unique index kept one.
            throw new ConcurrencyConflictException("On-call rotation", teamRef);
        }
    }

    private static object? Audit(RotationDetailsDto? r) => r is null ? null : new
    {
        r.Name,
        r.ShiftLengthDays,
        HandoffTime = r.HandoffTime.ToString("HH:mm"),
        r.TimeZoneId,
        StartDate = r.StartDate.ToString("yyyy-MM-dd"),
        Participants = r.Participants.Select(p => p.Name).ToArray(),
        ExternalSchedule = r.ExternalScheduleId,
    };
}
