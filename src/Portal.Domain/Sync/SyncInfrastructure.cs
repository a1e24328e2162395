namespace Portal.Domain.Sync;

/// <summary>
/// A named lease in the database: whoever holds an unexpired lease runs the sync; everyone else
/// skips. Works the same with one or many portal instances on one database.
/// </summary>
public sealed class SyncLease
{
    private SyncLease()
    {
    }

    public SyncLease(string name)
    {
        Name = name;
    }

    public string Name { get; private set; } = "";

    public string? Holder { get; private set; }

    /// <summary>An expiry long past: the lease is free. (Not DateTime.MinValue, which PostgreSQL stores as -infinity.)</summary>
    public static readonly DateTime Free = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public DateTime ExpiresAt { get; private set; } = Free;
}

/// <summary>
/// One cached GitHub answer: the ETag to send back as <c>If-None-Match</c> and the body to use when
/// GitHub answers 304. Kept in the database so a restart does not cost a full, counted resync.
/// </summary>
public sealed class HttpCacheEntry
{
    private HttpCacheEntry()
    {
    }

    public HttpCacheEntry(string key, string url, string etag, int statusCode, string? contentType, string body, string headers)
    {
        Key = key;
        Url = url;
        Update(etag, statusCode, contentType, body, headers);
    }

    /// <summary>SHA-256 of method, URL and the headers that change the answer (hex).</summary>
    public string Key { get; private set; } = "";

    public string Url { get; private set; } = "";

    public string ETag { get; private set; } = "";

    public int StatusCode { get; private set; }

    public string? ContentType { get; private set; }

    public string Body { get; private set; } = "";

    /// <summary>Response headers as JSON (Link for pagination, rate limit, ETag).</summary>
    public string Headers { get; private set; } = "{}";

    public DateTime StoredAt { get; private set; } = DateTime.UtcNow;

    public void Update(string etag, int statusCode, string? contentType, string body, string headers)
    {
        ETag = etag;
        StatusCode = statusCode;
        ContentType = contentType;
        Body = body;
        Headers = headers;
        StoredAt = DateTime.UtcNow;
    }
}

/// <summary>A webhook delivery already handled; a second one with the same id is a replay and is dropped.</summary>
public sealed class WebhookDelivery
{
    private WebhookDelivery()
    {
    }

    public WebhookDelivery(string deliveryId, string eventName, string? action, string? repository)
    {
        DeliveryId = deliveryId;
        Event = eventName;
        Action = action;
        Repository = repository;
    }

    public string DeliveryId { get; private set; } = "";

    public string Event { get; private set; } = "";

    public string? Action { get; private set; }

    public string? Repository { get; private set; }

    public DateTime ReceivedAt { get; private set; } = DateTime.UtcNow;
}

/// <summary>A repository a run has finished reading; a resumed run skips it.</summary>
public sealed class SyncRunRepository
{
    private SyncRunRepository()
    {
    }

    public SyncRunRepository(Guid runId, long gitHubId)
    {
        RunId = runId;
        GitHubId = gitHubId;
    }

    public Guid RunId { get; private set; }

    public long GitHubId { get; private set; }
}
