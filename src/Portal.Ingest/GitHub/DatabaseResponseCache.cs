using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Octokit.Caching;
using Octokit.Internal;
using Portal.Domain.Common;
using Portal.Domain.Persistence;
using Portal.Domain.Persistence.Infrastructure;

namespace Portal.Ingest.GitHub;

/// <summary>
/// Octokit's <see cref="IResponseCache"/> kept in the database: the ETag and body of every GET, so a
/// sync after a restart still asks conditionally and GitHub answers 304, which does not count
/// against the rate limit. Failures to read or write the cache only cost a full request.
/// </summary>
public sealed class DatabaseResponseCache(IDbContextFactory<PortalDbContext> dbFactory, ILogger<DatabaseResponseCache> logger) : IResponseCache
{
    private readonly Lock _gate = new();
    private readonly HashSet<Task> _writes = [];

    /// <summary>
    /// Octokit stores answers without waiting for the write; a run waits here before it ends so no
    /// write outlives it.
    /// </summary>
    public async Task DrainAsync()
    {
        Task[] pending;
        lock (_gate)
        {
            pending = [.. _writes];
        }

        await Task.WhenAll(pending);
    }

    public async Task<CachedResponse.V1?> GetAsync(IRequest request)
    {
        var key = KeyOf(request);
        await using var db = await dbFactory.CreateDbContextAsync();
        var entry = await db.HttpCache.AsNoTracking().FirstOrDefaultAsync(e => e.Key == key);
        if (entry is null)
        {
            return null;
        }

        var headers = JsonSerializer.Deserialize<Dictionary<string, string>>(entry.Headers) ?? [];
        return new CachedResponse.V1(entry.Body, headers, null!, (HttpStatusCode)entry.StatusCode, entry.ContentType!);
    }

    public Task SetAsync(IRequest request, CachedResponse.V1 cachedResponse)
    {
        var write = StoreAsync(request, cachedResponse);
        lock (_gate)
        {
            _writes.Add(write);
        }

        _ = write.ContinueWith(
            t =>
            {
                lock (_gate)
                {
                    _writes.Remove(t);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return write;
    }

    private async Task StoreAsync(IRequest request, CachedResponse.V1 cachedResponse)
    {
        if (cachedResponse.Body is not string body || Etag(cachedResponse.Headers) is not { Length: > 0 } etag)
        {
            return;
        }

        var key = KeyOf(request);
        var url = UrlOf(request);
        var headers = JsonSerializer.Serialize(cachedResponse.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase));
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var entry = await db.HttpCache.FirstOrDefaultAsync(e => e.Key == key);
            if (entry is null)
            {
                db.HttpCache.Add(new HttpCacheEntry(key, TextCut.Prefix(url, 2000), etag, (int)cachedResponse.StatusCode, cachedResponse.ContentType, body, headers));
            }
            else if (entry.ETag != etag)
            {
                entry.Update(etag, (int)cachedResponse.StatusCode, cachedResponse.ContentType, body, headers);
            }

            await db.SaveChangesAsync();
        }
        catch (DbUpdateException ex)
        {
            // Two requests for the same URL stored at once; either answer is good.
            logger.LogDebug(ex, "Response cache write for {Url} lost a race", url);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A cache that cannot be written costs one full request next time, never the sync.
            logger.LogWarning(ex, "Response cache write for {Url} failed", url);
        }
    }

    /// <summary>Method, absolute URL and Accept: the same URL can answer differently per media type.</summary>
    internal static string KeyOf(IRequest request)
    {
        request.Headers.TryGetValue("Accept", out var accept);
        var text = $"{request.Method.Method} {UrlOf(request)} {accept}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static string UrlOf(IRequest request) =>
        (request.Endpoint.IsAbsoluteUri ? request.Endpoint : new Uri(request.BaseAddress, request.Endpoint)).ToString();

    private static string? Etag(IReadOnlyDictionary<string, string> headers) =>
        headers.FirstOrDefault(h => string.Equals(h.Key, "ETag", StringComparison.OrdinalIgnoreCase)).Value;
}
