using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Domain.Auditing;
using Portal.Domain.Common;
using Portal.Domain.Persistence;

namespace Portal.Domain.Security.Commands;

/// <summary>
/// Decides which person an OpenID Connect account is. A person linked to the account's issuer and subject is
/// that account; otherwise the account is linked, once and audited, to the one person whose e-mail equals the
/// e-mail the provider says it has verified. Nothing else links: not an unverified e-mail, not a user name, and
/// never an e-mail that only catalog data asserts about someone else's account. An orphaned person (removed by the
/// source that created it) is never linked, is not counted when deciding whether an e-mail is ambiguous, and cannot
/// sign in through a link it already has until its source adopts it again.
/// </summary>
public sealed class SignInLinker(IDbContextFactory<PortalDbContext> dbFactory, ILogger<SignInLinker> logger)
{
    public async Task<SignInLink> LinkAsync(SignInIdentity identity, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(identity.Issuer);
        ArgumentException.ThrowIfNullOrWhiteSpace(identity.Subject);
        if (identity.Issuer.Length > MaxIssuerLength || identity.Subject.Length > MaxSubjectLength)
        {
            logger.LogWarning("Refused sign-in account with an issuer of {IssuerLength} or a subject of {SubjectLength} characters", identity.Issuer.Length, identity.Subject.Length);
            return new SignInLink(SignInLinkOutcome.Refused, null,
                $"your identity provider's issuer or subject is longer than Portal stores ({MaxIssuerLength} and {MaxSubjectLength} characters)", "refused");
        }

        try
        {
            return await TryLinkAsync(identity, ct);
        }
        catch (DbUpdateException e)
        {
            // Someone else linked the same account or person at the same moment: what is stored now decides.
            logger.LogInformation(e, "Sign-in link for {Issuer} {Subject} raced another sign-in; reading again", identity.Issuer, identity.Subject);
        }

        try
        {
            return await TryLinkAsync(identity, ct);
        }
        catch (DbUpdateException e)
        {
            // Failing again is not a race: refuse the sign-in with a message rather than an error page.
            logger.LogError(e, "Could not link sign-in account {Issuer} {Subject}", identity.Issuer, identity.Subject);
            return new SignInLink(SignInLinkOutcome.Refused, null, "Portal could not record your sign-in account; try again or ask an admin", "refused");
        }
    }

    /// <summary>The longest issuer and subject the person's sign-in columns hold.</summary>
    public const int MaxIssuerLength = 500;

    /// <inheritdoc cref="MaxIssuerLength"/>
    public const int MaxSubjectLength = 255;

    private async Task<SignInLink> TryLinkAsync(SignInIdentity identity, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var linked = await db.People.AsNoTracking()
            .Where(p => p.SignInIssuer == identity.Issuer && p.SignInSubject == identity.Subject)
            .Select(p => new { p.Namespace, p.Name, p.IsOrphaned })
            .FirstOrDefaultAsync(ct);
        if (linked is { IsOrphaned: true })
        {
            var key = EntityRef.Format(linked.Namespace, linked.Name);
            await RefuseAsync(db, identity, key, "person orphaned (removed by its source)", ct);
            return new SignInLink(SignInLinkOutcome.Refused, null,
                "the person your account is linked to was removed from the catalog's source; ask an admin to restore them", "orphaned");
        }

        if (linked is not null)
        {
            return new SignInLink(SignInLinkOutcome.Linked, EntityRef.Format(linked.Namespace, linked.Name), null);
        }

        var email = identity.Email?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            return new SignInLink(SignInLinkOutcome.NoPerson, null, "your account has no e-mail address to find you in the catalog by");
        }

        if (!identity.EmailVerified)
        {
            logger.LogInformation("Not linking {Issuer} {Subject}: the provider did not say its e-mail is verified", identity.Issuer, identity.Subject);
            return new SignInLink(SignInLinkOutcome.NoPerson, null, "your identity provider did not confirm that your e-mail address is verified");
        }

        var lower = email.ToLowerInvariant();
        var candidates = await db.People.Where(p => !p.IsOrphaned && p.Email != null && p.Email.ToLower() == lower).Take(2).ToListAsync(ct);
        switch (candidates.Count)
        {
            case 0:
                return new SignInLink(SignInLinkOutcome.NoPerson, null, $"nobody in the catalog has the e-mail address {email}");
            case > 1:
                await RefuseAsync(db, identity, email, "e-mail shared by several people", ct);
                return new SignInLink(SignInLinkOutcome.Refused, null,
                    $"several people in the catalog have the e-mail address {email}; an admin must correct the catalog before you can sign in", "ambiguous");
        }

        var person = candidates[0];
        if (person.SignInSubject is not null)
        {
            await RefuseAsync(db, identity, person.Ref, "person already linked to another sign-in account", ct);
            return new SignInLink(SignInLinkOutcome.Refused, null,
                $"the person with the e-mail address {email} is already linked to a different sign-in account; ask an admin if your account has changed", "taken");
        }

        person.LinkSignIn(identity.Issuer, identity.Subject);
        var actor = new Actor(person.Ref, person.DisplayName, person.Role, new HashSet<Guid>());
        AuditLog.Record(db, actor, "person.link-sign-in", "person", person.Ref,
            new { SignInIssuer = (string?)null, SignInSubject = (string?)null },
            new { person.SignInIssuer, person.SignInSubject, LinkedBy = "verified e-mail", Email = email });
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Linked sign-in account {Issuer} {Subject} to {Person} by verified e-mail", identity.Issuer, identity.Subject, person.Ref);
        return new SignInLink(SignInLinkOutcome.NewlyLinked, person.Ref, null);
    }

    /// <summary>The sign-in account linked to a person, for an admin (null when none); others may not see it (refused and audited).</summary>
    public async Task<SignInIdentity?> LinkOfAsync(Actor actor, string personRef, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!actor.IsAdmin)
        {
            await RefuseAsync(db, actor, "person.view-sign-in-link", personRef, "Only admins may see which sign-in account a person is linked to.", ct);
        }

        var person = await FindPersonAsync(db, personRef, ct);
        return person.SignInSubject is { } subject ? new SignInIdentity(person.SignInIssuer!, subject, person.Email, false) : null;
    }

    /// <summary>
    /// Removes a person's link to a sign-in account: an admin's correction when the account belonged to someone else
    /// or the person moved to another account. Refused (and audited) for anyone but an admin, for an admin's own
    /// link (another admin removes it, so nobody switches identity to decide their own requests), and when the link
    /// is no longer the one the admin saw (<paramref name="expected"/>: its issuer and subject). The account's next sign-in links
    /// again by verified e-mail, to whoever has that e-mail then.
    /// </summary>
    public async Task UnlinkAsync(Actor actor, string personRef, SignInIdentity expected, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!actor.IsAdmin)
        {
            await RefuseAsync(db, actor, "person.unlink-sign-in", personRef, "Only admins may remove a sign-in link.", ct);
        }

        var person = await FindPersonAsync(db, personRef, ct);
        if (actor.IsOrAnswersFor(person.Ref))
        {
            await RefuseAsync(db, actor, "person.unlink-sign-in", person.Ref, "You cannot remove your own sign-in link: another admin does it.", ct);
        }

        var before = new { person.SignInIssuer, person.SignInSubject };
        if (person.SignInSubject is null
            || !string.Equals(person.SignInSubject, expected.Subject, StringComparison.Ordinal)
            || !string.Equals(person.SignInIssuer, expected.Issuer, StringComparison.Ordinal))
        {
            throw new ConcurrencyConflictException("person", person.Ref);
        }

        person.UnlinkSignIn();
        AuditLog.Record(db, actor, "person.unlink-sign-in", "person", person.Ref, before, new { SignInIssuer = (string?)null, SignInSubject = (string?)null });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException("person", person.Ref);
        }

        logger.LogInformation("{Actor} removed the sign-in link {Issuer} {Subject} of {Person}", actor.AuditName, before.SignInIssuer, before.SignInSubject, person.Ref);
    }

    /// <summary>Refuses an admin's action on a person's link: audited as <paramref name="action"/>, then thrown as forbidden.</summary>
    private static async Task RefuseAsync(PortalDbContext db, Actor actor, string action, string personRef, string refusal, CancellationToken ct)
    {
        await AuditRefusalAsync(db, actor, action, personRef, new { Refused = refusal }, ct);
        throw new ForbiddenException(refusal);
    }

    /// <summary>Records a refused attempt on a person's sign-in link; nothing else the attempt changed is saved.</summary>
    private static async Task AuditRefusalAsync(PortalDbContext db, Actor actor, string action, string personRef, object refused, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        AuditLog.Record(db, actor, action, "person", personRef, null, refused, succeeded: false);
        await db.SaveChangesAsync(ct);
    }

    private static async Task<Catalog.Person> FindPersonAsync(PortalDbContext db, string personRef, CancellationToken ct)
    {
        var (ns, name) = EntityRef.Parse(personRef);
        return await db.People.FirstOrDefaultAsync(p => p.Namespace == ns && p.Name == name, ct)
            ?? throw new NotFoundException("person", personRef);
    }

    private async Task RefuseAsync(PortalDbContext db, SignInIdentity identity, string key, string why, CancellationToken ct)
    {
        await AuditRefusalAsync(
            db, new Actor("oidc:" + identity.Subject, identity.Email ?? identity.Subject, PortalRole.Viewer, new HashSet<Guid>()),
            "person.link-sign-in", key, new { identity.Issuer, identity.Subject, identity.Email, Refused = why }, ct);
        logger.LogWarning("Refused to link sign-in account {Issuer} {Subject} ({Email}) to {Key}: {Why}", identity.Issuer, identity.Subject, identity.Email, key, why);
    }
}
