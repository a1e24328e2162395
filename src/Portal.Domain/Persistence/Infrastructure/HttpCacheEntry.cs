using Portal.Domain.Common;

namespace Portal.Domain.Persistence.Infrastructure;

/// <summary>
/// One cached GitHub answer: the ETag to send back as <c>If-None-Match</c> and the body to use when
/// GitHub answers 304. Kept in the database so a restart does not cost a full, counted resync.
/// </summary>
public sealed class HttpCacheEntry : IStampedOnSave
{
    private bool _updated;

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

    /// <summary>UTC, when the answer was last saved (the DbContext's clock).</summary>
    public DateTime StoredAt { get; private set; }

    public void Update(string etag, int statusCode, string? contentType, string body, string headers)
    {
        ETag = etag;
        StatusCode = statusCode;
        ContentType = contentType;
        Body = body;
        Headers = headers;
        _updated = true;
    }

    bool IStampedOnSave.Stamp(DateTime utcNow, bool added)
    {
        if (!added && !_updated)
        {
            return false;
        }

        StoredAt = utcNow;
        _updated = false;
        return true;
    }
}
