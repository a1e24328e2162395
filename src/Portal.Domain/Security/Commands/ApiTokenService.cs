using Microsoft.EntityFrameworkCore;
using Portal.Domain.Auditing;
using Portal.Domain.Common;
using Portal.Domain.Persistence;
using Portal.Domain.Security.Queries;

namespace Portal.Domain.Security.Commands;

/// <summary>Creates, lists, revokes and checks API tokens.</summary>
public sealed class ApiTokenService(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>Creates a token that lasts <see cref="ApiToken.DefaultLifetime"/> (a year).</summary>
    public Task<(ApiTokenDto Token, string Secret)> CreateAsync(Actor actor, string name, PortalRole role, CancellationToken ct = default) =>
        CreateAsync(actor, name, role, ApiToken.DefaultLifetime, ct);

    /// <summary>
    /// Creates a token that expires <paramref name="lifetime"/> from now (null: never). Its name must differ from every
    /// token still in use (neither revoked nor expired), case aside, so a list and the audit log say which one is meant.
    /// </summary>
    public async Task<(ApiTokenDto Token, string Secret)> CreateAsync(Actor actor, string name, PortalRole role, TimeSpan? lifetime, CancellationToken ct = default)
    {
        if (!actor.IsAdmin)
        {
            throw new ForbiddenException("Only admins may create API tokens.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        // The names linked to the creator now (a CLI --created-by person's sign-in account, say) are kept with the token:
        // an unlink later does not let that account decide the token's requests.
        var sameAccount = await SameAccountNames.OfAsync(db, actor, ct);
        var (token, secret) = ApiToken.Issue(name, role, actor, now, lifetime, sameAccount);
        var key = token.NameKey!;
        if (await db.ApiTokens.FirstOrDefaultAsync(t => t.NameKey == key, ct) is { } holder)
        {
            if (holder.IsUsableAt(now))
            {
                throw NameTaken(token.Name);
            }

            // Expired, or revoked by an instance from before name keys: the name is free again.
            holder.ReleaseName();
        }

        // Tokens from before name keys (or written by an older instance) have none: compared here, with .NET's case
        // folding (a database's lower() may fold only ASCII).
        var unkeyed = await db.ApiTokens.AsNoTracking()
            .Where(t => t.NameKey == null && t.RevokedAt == null && (t.ExpiresAt == null || t.ExpiresAt > now))
            .Select(t => t.Name)
            .ToListAsync(ct);
        if (unkeyed.Any(n => ApiToken.KeyOf(n) == key))
        {
            throw NameTaken(token.Name);
        }

        db.ApiTokens.Add(token);
        AuditLog.Record(db, actor, "token.create", "api-token", token.Name, null, new { token.Id, token.Name, Role = role.ToString(), token.Hint, token.ExpiresAt, token.CreatedBy, token.CreatedByAlso });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another admin created a token of this name at the same moment: the unique index kept this one out.
            if (await NameKeyTakenAsync(key, ct))
            {
                throw NameTaken(token.Name);
            }

            throw;
        }

        return (ToDto(token), secret);
    }

    private static DomainValidationException NameTaken(string name) =>
        new("name", $"'{name}' is already the name of a token in use: choose another, or revoke that one first");

    private async Task<bool> NameKeyTakenAsync(string key, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ApiTokens.AnyAsync(t => t.NameKey == key, ct);
    }

    public async Task<IReadOnlyList<ApiTokenDto>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tokens = await db.ApiTokens.AsNoTracking().OrderByDescending(t => t.CreatedAt).ToListAsync(ct);
        return [.. tokens.Select(ToDto)];
    }

    public async Task RevokeAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        if (!actor.IsAdmin)
        {
            throw new ForbiddenException("Only admins may revoke API tokens.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw new NotFoundException("API token", id.ToString());
        token.Revoke(clock.GetUtcNow().UtcDateTime);
        AuditLog.Record(db, actor, "token.revoke", "api-token", token.Name, new { token.Id, token.Name, token.Hint }, new { token.Id, token.Name, token.RevokedAt });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The actor for a presented secret, or null when it is unknown, revoked or expired.</summary>
    public async Task<Actor?> AuthenticateAsync(string secret, CancellationToken ct = default) => (await CheckAsync(secret, ct)).Actor;

    /// <summary>The actor for a presented secret, or why it is refused (unknown, revoked, expired), in words for the caller.</summary>
    public async Task<ApiTokenCheck> CheckAsync(string secret, CancellationToken ct = default)
    {
        if (!secret.StartsWith(ApiToken.Prefix, StringComparison.Ordinal))
        {
            return ApiTokenCheck.Refused($"The bearer token is not a Portal API token (those start with {ApiToken.Prefix}).");
        }

        var hash = ApiToken.HashOf(secret);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Hash == hash, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (token is null)
        {
            return ApiTokenCheck.Refused("The bearer token is unknown.");
        }

        if (token.RevokedAt is { } revoked)
        {
            return ApiTokenCheck.Refused($"The API token '{token.Name}' was revoked on {revoked:yyyy-MM-dd HH:mm} UTC.");
        }

        if (token.IsExpiredAt(now))
        {
            return ApiTokenCheck.Refused($"The API token '{token.Name}' expired on {token.ExpiresAt:yyyy-MM-dd HH:mm} UTC; an admin can create a new one.");
        }

        // One write a minute at most, not one per request.
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            token.MarkUsed(now);
            await db.SaveChangesAsync(ct);
        }

        // The token answers for its creator under every name they had when making it: an admin cannot decide their own
        // request through a token they made.
        return new ApiTokenCheck(
            new Actor("token:" + token.Name, token.Name, token.Role, new HashSet<Guid>())
            {
                Credential = token.Id.ToString(),
                AnswersFor = token.Creators(),
            },
            null);
    }

    private static ApiTokenDto ToDto(ApiToken t) => new(t.Id, t.Name, t.Role, t.Hint, t.CreatedBy, t.CreatedAt, t.LastUsedAt, t.RevokedAt, t.ExpiresAt);
}
