using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Portal.Web.Hosting;

/// <summary>
/// <c>Edge:*</c>: how Portal sits behind a reverse proxy or load balancer and what it tells browsers about itself
/// (forwarded headers, HSTS, extra image sources in the Content-Security-Policy).
/// </summary>
public sealed class EdgeOptions : IValidatableObject
{
    public const string Section = "Edge";

    /// <summary>
    /// Addresses of proxies whose <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c>/<c>X-Forwarded-Host</c> are believed,
    /// e.g. <c>10.0.0.5</c>. Loopback is always believed; any other sender's forwarded headers are ignored.
    /// </summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR, e.g. <c>10.0.0.0/8</c>) whose proxies are believed, for proxies without a fixed address.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in front of Portal may each add an entry to <c>X-Forwarded-For</c> (default 1).</summary>
    [Range(1, 10)]
    public int ForwardLimit { get; set; } = 1;

    /// <summary>How long browsers remember to use HTTPS only (the HSTS header, sent in Production). Default 365 days.</summary>
    [Range(1, 3650)]
    public int HstsMaxAgeDays { get; set; } = 365;

    /// <summary>Other origins images may come from (added to the policy's <c>img-src</c>), e.g. <c>https://avatars.example.com</c>.</summary>
    public string[] ImageSources { get; set; } = [];

    /// <summary>
    /// In a container: the host address its port is published on (docker/compose.yaml sets it from <c>PORTAL_ADDRESS</c>,
    /// default <c>127.0.0.1</c>). Loopback lets <c>Auth:Mode=Local</c> start although the container listens on all its
    /// interfaces (<see cref="LocalModeExposure"/>; each Local sign-in is then checked, <see cref="LocalModePeerCheck"/>),
    /// and makes the container's gateway a trusted proxy (<see cref="EdgeHosting.TrustedGateways"/>). Honoured only when
    /// <c>DOTNET_RUNNING_IN_CONTAINER=true</c>; ignored elsewhere.
    /// </summary>
    public string? PublishedAddress { get; set; }

    /// <summary>The parsed <see cref="KnownProxies"/>.</summary>
    public IEnumerable<IPAddress> ProxyAddresses => KnownProxies.Select(p => IPAddress.Parse(p.Trim()));

    /// <summary>The parsed <see cref="KnownNetworks"/>.</summary>
    public IEnumerable<IPNetwork> ProxyNetworks => KnownNetworks.Select(n => IPNetwork.Parse(n.Trim()));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < KnownProxies.Length; i++)
        {
            if (!IPAddress.TryParse(KnownProxies[i]?.Trim(), out _))
            {
                yield return new ValidationResult(
                    $"Edge:KnownProxies:{i} '{KnownProxies[i]}' is not an IP address (e.g. 10.0.0.5 or ::1).", [$"Edge:KnownProxies:{i}"]);
            }
        }

        for (var i = 0; i < KnownNetworks.Length; i++)
        {
            if (!IPNetwork.TryParse(KnownNetworks[i]?.Trim(), out _))
            {
                yield return new ValidationResult(
                    $"Edge:KnownNetworks:{i} '{KnownNetworks[i]}' is not a network in CIDR notation (e.g. 10.0.0.0/8).", [$"Edge:KnownNetworks:{i}"]);
            }
        }

        if (!string.IsNullOrWhiteSpace(PublishedAddress) && !PublishedAddress.Trim().Equals("localhost", StringComparison.OrdinalIgnoreCase)
            && !IPAddress.TryParse(PublishedAddress.Trim().Trim('[', ']'), out _))
        {
            yield return new ValidationResult(
                $"Edge:PublishedAddress '{PublishedAddress}' is not an IP address (e.g. 127.0.0.1, or 0.0.0.0 for every interface).", ["Edge:PublishedAddress"]);
        }

        for (var i = 0; i < ImageSources.Length; i++)
        {
            if (!Uri.TryCreate(ImageSources[i], UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps
                || uri.AbsolutePath != "/" || ImageSources[i].Any(c => c is ';' or ',' or '\'' or ' '))
            {
                yield return new ValidationResult(
                    $"Edge:ImageSources:{i} '{ImageSources[i]}' is not an https origin (e.g. https://images.example.com).", [$"Edge:ImageSources:{i}"]);
            }
        }
    }
}
