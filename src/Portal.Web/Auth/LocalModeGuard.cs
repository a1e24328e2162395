using System.Net;

namespace Portal.Web.Auth;

/// <summary>
/// Local sign-in lets anyone act as anyone, so it is only safe on loopback. This finds the addresses
/// the host is told to bind to that are not loopback.
/// </summary>
public static class LocalModeGuard
{
    public static IReadOnlyList<string> NonLoopbackBindings(IConfiguration config)
    {
        var urls = new List<string>();
        urls.AddRange(Split(config["urls"]));
        urls.AddRange(Split(config["http_ports"]).Select(p => $"http://*:{p}"));
        urls.AddRange(Split(config["https_ports"]).Select(p => $"https://*:{p}"));
        urls.AddRange(config.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>());
        return [.. urls.Where(u => !IsLoopback(u))];
    }

    public static bool IsLoopback(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var rest = schemeEnd >= 0 ? url[(schemeEnd + 3)..] : url;
        var host = rest.StartsWith('[')
            ? rest[..(rest.IndexOf(']', StringComparison.Ordinal) + 1)]
            : rest.Split(':', '/')[0];
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }

    private static IEnumerable<string> Split(string? value) =>
        (value ?? "").Split(';', ',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
