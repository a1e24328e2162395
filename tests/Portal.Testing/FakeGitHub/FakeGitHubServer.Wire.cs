using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Portal.Testing.FakeGitHub;

/// <summary>Writing answers, recording requests and parsing what arrived.</summary>
public sealed partial class FakeGitHubServer
{
    private async Task WriteAsync(HttpContext context, FakeResponse response, string? etag, RateLimitSnapshot? rate, string resource, CancellationToken ct)
    {
        var http = context.Response;
        http.StatusCode = response.Status;
        var headers = http.Headers;
        if (etag is not null)
        {
            headers.ETag = etag;
            headers.CacheControl = "private, max-age=60, s-maxage=60";
            headers.Vary = "Accept, Authorization, Cookie, X-GitHub-OTP";
        }

        if (rate is { } r)
        {
            headers["X-RateLimit-Limit"] = r.Limit.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Remaining"] = r.Remaining.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Used"] = r.Used.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Reset"] = r.ResetUnixSeconds.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Resource"] = resource;
            headers["X-GitHub-Api-Version-Selected"] = "2022-11-28";
            headers["X-GitHub-Request-Id"] = $"FAKE:{Interlocked.Increment(ref _requestNumber):X8}";
        }

        foreach (var (name, value) in response.Headers)
        {
            headers[name] = value;
        }

        if (response.ContentType is { } contentType && response.Status != 304)
        {
            http.ContentType = contentType;
            if (contentType.StartsWith("application/json", StringComparison.Ordinal) && !headers.ContainsKey("X-GitHub-Media-Type"))
            {
                headers["X-GitHub-Media-Type"] = "github.v3; format=json";
            }
        }

        if (response.Status == 304 || response.Body.Length == 0)
        {
            http.ContentLength = 0;
            return;
        }

        http.ContentLength = response.Body.Length;
        await http.Body.WriteAsync(response.Body, ct).ConfigureAwait(false);
    }

    private void Record(FakeRequest request)
    {
        lock (_requestsGate)
        {
            _requests.Add(request);
            if (request.Counted)
            {
                _counted++;
            }

            if (request.Status == 304)
            {
                _notModified++;
            }
        }
    }

    private static (string Path, bool Prefixed) Normalise(string? rawPath)
    {
        var path = string.IsNullOrEmpty(rawPath) ? "/" : rawPath;
        if (path.Equals("/api/v3", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/api/v3/", StringComparison.OrdinalIgnoreCase))
        {
            var rest = path[7..];
            return (rest.Length == 0 ? "/" : rest, true);
        }

        return path.Equals("/api/graphql", StringComparison.OrdinalIgnoreCase) ? ("/graphql", false) : (path, false);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            return [];
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static List<KeyValuePair<string, string>> ParseQuery(string query)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? string.Empty : part[(equals + 1)..];
            pairs.Add(new(Unescape(key), Unescape(value)));
        }

        return pairs;

        static string Unescape(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
    }

    /// <summary>The token of <c>Authorization: token X</c> or <c>Bearer X</c> (Octokit sends <c>Token X</c>).</summary>
    private static string? Credential(string authorization)
    {
        var space = authorization.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0)
        {
            return null;
        }

        var scheme = authorization[..space];
        var value = authorization[(space + 1)..].Trim();
        return value.Length > 0 && (scheme.Equals("token", StringComparison.OrdinalIgnoreCase) || scheme.Equals("bearer", StringComparison.OrdinalIgnoreCase))
            ? value
            : null;
    }

    private static string ETag(byte[] body) => $"W/\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\"";

    /// <summary>Weak comparison, as for <c>If-None-Match</c>: <c>W/</c> and the quotes do not matter, <c>*</c> matches.</summary>
    private static bool Matches(string ifNoneMatch, string etag)
    {
        if (string.IsNullOrWhiteSpace(ifNoneMatch))
        {
            return false;
        }

        var wanted = Opaque(etag);
        foreach (var candidate in ifNoneMatch.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (candidate == "*" || Opaque(candidate) == wanted)
            {
                return true;
            }
        }

        return false;

        static string Opaque(string tag) => (tag.StartsWith("W/", StringComparison.OrdinalIgnoreCase) ? tag[2..] : tag).Trim('"');
    }
}
