using Portal.Domain.Common;

namespace Portal.Domain.Auditing;

/// <summary>One write: who, when, what, and the record before and after (JSON).</summary>
public sealed class AuditEntry : IStampedOnSave
{
    private AuditEntry()
    {
    }

    public AuditEntry(string actor, string action, string entityType, string entityKey, string? before, string? after, string? correlationId, bool succeeded = true)
    {
        Actor = actor;
        Action = action;
        EntityType = entityType;
        EntityKey = entityKey;
        Before = before;
        After = after;
        CorrelationId = correlationId;
        Succeeded = succeeded;
    }

    public long Id { get; private set; }

    /// <summary>UTC, when the entry was saved (the DbContext's clock).</summary>
    public DateTime At { get; private set; }

    public string Actor { get; private set; } = "";

    /// <summary>e.g. <c>service.update</c>, <c>token.create</c>.</summary>
    public string Action { get; private set; } = "";

    public string EntityType { get; private set; } = "";

    public string EntityKey { get; private set; } = "";

    public string? Before { get; private set; }

    public string? After { get; private set; }

    public string? CorrelationId { get; private set; }

    /// <summary>False for refused attempts (e.g. an Editor changing a service they do not own).</summary>
    public bool Succeeded { get; private set; }

    bool IStampedOnSave.Stamp(DateTime utcNow, bool added)
    {
        if (added)
        {
            At = utcNow;
        }

        return added;
    }
}
