namespace Portal.Domain.Auditing.Queries;

/// <summary>Which audit entries to show or export; every part is optional and they all apply together.</summary>
public sealed record AuditFilter
{
    /// <summary>Who acted: part of the name written to the log (<c>token:ci</c>, a person's ref, <c>github-webhook</c>).</summary>
    public string? Actor { get; init; }

    /// <summary>The kind of write: an action (<c>service.update</c>) or the start of one (<c>service.</c>, <c>debt</c>).</summary>
    public string? Action { get; init; }

    /// <summary>Which record: part of its type or key (<c>Service</c>, <c>billing</c>, <c>PUT /api/v1/services/{name}</c>).</summary>
    public string? Record { get; init; }

    /// <summary>UTC, the first instant shown (inclusive).</summary>
    public DateTime? FromUtc { get; init; }

    /// <summary>UTC, the first instant no longer shown (exclusive).</summary>
    public DateTime? ToUtc { get; init; }

    /// <summary>Only refused attempts.</summary>
    public bool RefusedOnly { get; init; }

    /// <summary>Part of the actor, action or record key (the page's one-box search).</summary>
    public string? Text { get; init; }
}
