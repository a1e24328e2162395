using System.Diagnostics;
using System.Text.Json;
using Portal.Domain.Persistence;
using Portal.Domain.Security;

namespace Portal.Domain.Auditing;

/// <summary>Adds audit entries to the same unit of work as the change they describe.</summary>
public static class AuditLog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static void Record(PortalDbContext db, Actor actor, string action, string entityType, string entityKey, object? before, object? after, bool succeeded = true) =>
        db.AuditEntries.Add(Entry(actor, action, entityType, entityKey, before, after, succeeded));

    /// <summary>
    /// The entry <see cref="Record"/> adds, for a caller that writes many at once
    /// (<c>BulkInsert.InsertAsync</c>) in the same transaction as the changes they describe.
    /// </summary>
    public static AuditEntry Entry(Actor actor, string action, string entityType, string entityKey, object? before, object? after, bool succeeded = true) =>
        new(
            actor.AuditName,
            action,
            entityType,
            entityKey,
            before is null ? null : JsonSerializer.Serialize(before, Json),
            after is null ? null : JsonSerializer.Serialize(after, Json),
            Activity.Current?.TraceId.ToString(),
            succeeded);
}
