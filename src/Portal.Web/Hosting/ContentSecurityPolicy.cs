using System.Security.Cryptography;

namespace Portal.Web.Hosting;

/// <summary>
/// The Content-Security-Policy Portal sends. Scripts only from Portal itself, plus the one inline import map that
/// carries the request's nonce; no <c>eval</c> anywhere. Styles may be inline because MudBlazor sets <c>style</c>
/// attributes and writes its theme as a <c>&lt;style&gt;</c> element. Nobody may frame Portal.
/// </summary>
public static class ContentSecurityPolicy
{
    /// <summary><see cref="HttpContext.Items"/> key of the request's script nonce (read by <c>App.razor</c>).</summary>
    public const string NonceKey = "portal.csp-nonce";

    /// <summary>Pages Portal does not render itself (the Hangfire dashboard, the Scalar API reference) use inline scripts.</summary>
    private static readonly string[] ThirdPartyPages = ["/jobs", "/api/reference"];

    /// <summary>The nonce for this request, made once per request.</summary>
    public static string NonceFor(HttpContext http)
    {
        if (http.Items[NonceKey] is string nonce)
        {
            return nonce;
        }

        // Hex: nothing in it needs escaping in the HTML attribute or the header.
        nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        http.Items[NonceKey] = nonce;
        return nonce;
    }

    /// <summary>The policy for a request to <paramref name="path"/>.</summary>
    /// <param name="path">The request path.</param>
    /// <param name="nonce">The request's script nonce.</param>
    /// <param name="formTargets">Origins a form may post or redirect to besides Portal (the identity provider, for sign-out).</param>
    /// <param name="imageSources">Origins images may come from besides Portal and <c>data:</c>.</param>
    public static string For(PathString path, string nonce, IEnumerable<string> formTargets, IEnumerable<string> imageSources)
    {
        var thirdParty = ThirdPartyPages.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));
        var scripts = thirdParty ? "'self' 'unsafe-inline'" : $"'self' 'nonce-{nonce}'";
        return string.Join("; ",
            "default-src 'self'",
            $"script-src {scripts}",
            "style-src 'self' 'unsafe-inline'",
            Join("img-src 'self' data:", imageSources),
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            Join("form-action 'self'", formTargets),
            "frame-ancestors 'none'");
    }

    private static string Join(string directive, IEnumerable<string> extra) =>
        string.Join(' ', new[] { directive }.Concat(extra));
}
