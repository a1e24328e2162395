using System.Net;

namespace Portal.Web.Hosting;

/// <summary>
/// Local sign-in (anyone can act as anyone) in a container that was let start only because
/// <c>Edge:PublishedAddress</c> says its port is published on loopback (<see cref="LocalModeExposure"/>). That claim
/// cannot be checked at start-up (an override file or a copied <c>docker run -p</c> may publish the port elsewhere),
/// so each request is checked instead: Local sign-in and Local-mode cookies are accepted only when the connection
/// itself (its peer address before any forwarded header) comes from loopback or the container's default gateway,
/// where connections to a loopback-published port arrive from. Anything else is refused: it fails closed.
/// </summary>
public sealed class LocalModePeerCheck(bool active, ContainerNetwork network)
{
    /// <summary>True when requests are checked (Local mode allowed to start only through <c>Edge:PublishedAddress</c>).</summary>
    public bool Active { get; } = active;

    /// <summary>The check for this configuration.</summary>
    public static LocalModePeerCheck For(IConfiguration config, ContainerNetwork network) =>
        new(LocalModeExposure.AllowedOnlyByPublishedAddress(config), network);

    /// <summary>True when a Local sign-in or Local-mode cookie may be used by a connection from <paramref name="peer"/>.</summary>
    public bool Allows(IPAddress? peer) =>
        !Active || (peer is not null && (IPAddress.IsLoopback(peer.IsIPv4MappedToIPv6 ? peer.MapToIPv4() : peer) || network.IsGateway(peer)));

    /// <summary>Why a request from <paramref name="peer"/> is refused, for the log.</summary>
    public static string Refusal(IPAddress? peer) =>
        $"Local sign-in is accepted only through the port published on loopback (Edge:PublishedAddress), and this connection came from {peer?.ToString() ?? "an unknown address"}";
}
