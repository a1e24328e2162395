using Microsoft.EntityFrameworkCore;
using Portal.Domain.Auditing;
using Portal.Domain.Common;
using Portal.Domain.Persistence;

namespace Portal.Domain.Security.Commands;

/// <summary>Creates, lists, revokes and checks API tokens.</summary>
public sealed class ApiTokenService(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public async Task<(ApiTokenDto Token, string Secret)> CreateAsync(Actor actor, string name, PortalRole role, CancellationToken ct = default)
    {
        if (!actor.IsAdmin)
        {
            throw new ForbiddenException("Only admins may create API tokens.");
        }

        var (token, secret) = ApiToken.Issue(name, role, actor.Name);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ApiTokens.Add(token);
        AuditLog.Record(db, actor, "token.create", "api-token", token.Name, null, new { token.Name, Role = role.ToString(), token.Hint });
        await db.SaveChangesAsync(ct);
        return (ToDto(token), secret);
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
        AuditLog.Record(db, actor, "token.revoke", "api-token", token.Name, new { token.Name, token.Hint }, new { token.Name, token.RevokedAt });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The actor for a presented secret, or null when it is unknown or revoked.</summary>
    public async Task<Actor?> AuthenticateAsync(string secret, CancellationToken ct = default)
    {
        if (!secret.StartsWith(ApiToken.Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var hash = ApiToken.HashOf(secret);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Hash == hash, ct);
        if (token is null || !token.IsActive)
        {
            return null;
        }

        // One write a minute at most, not one per request.
        var now = clock.GetUtcNow().UtcDateTime;
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            token.MarkUsed(now);
            await db.SaveChangesAsync(ct);
        }

        return new Actor("token:" + token.Name, token.Name, token.Role, new HashSet<Guid>());
    }

    private static ApiTokenDto ToDto(ApiToken t) => new(t.Id, t.Name, t.Role, t.Hint, t.CreatedBy, t.CreatedAt, t.LastUsedAt, t.RevokedAt);
}
