using System.Net;
using System.Net.NetworkInformation;

namespace Portal.Web.Hosting;

/// <summary>
/// What Portal knows of the container it may run in: whether it does (<c>DOTNET_RUNNING_IN_CONTAINER=true</c>, set by
/// the .NET container images) and the container's default gateways, the address connections to a port published on
/// the host arrive from (docker-proxy or the bridge's NAT). Outside a container there are no gateways; if they cannot
/// be read there are none either, so every check that relies on them fails closed.
/// </summary>
public sealed class ContainerNetwork
{
    private readonly Lazy<IReadOnlyList<IPAddress>> _gateways;

    /// <param name="config">The app's configuration (environment variables included).</param>
    /// <param name="gateways">Where the gateways come from; the network interfaces' when not given.</param>
    public ContainerNetwork(IConfiguration config, Func<IReadOnlyList<IPAddress>>? gateways = null)
    {
        InContainer = RunsInContainer(config);
        _gateways = new Lazy<IReadOnlyList<IPAddress>>(() => InContainer ? Read(gateways ?? DefaultGateways) : []);
    }

    /// <summary>True when the app runs in a container.</summary>
    public bool InContainer { get; }

    /// <summary>The container's default gateways (IPv4 ones as IPv4); empty outside a container.</summary>
    public IReadOnlyList<IPAddress> Gateways => _gateways.Value;

    /// <summary>True when <c>DOTNET_RUNNING_IN_CONTAINER</c> is <c>true</c>.</summary>
    public static bool RunsInContainer(IConfiguration config) =>
        string.Equals(config["DOTNET_RUNNING_IN_CONTAINER"]?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="address"/> is one of the <see cref="Gateways"/>.</summary>
    public bool IsGateway(IPAddress? address) =>
        address is not null && Gateways.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    private static IReadOnlyList<IPAddress> Read(Func<IReadOnlyList<IPAddress>> gateways)
    {
        try
        {
            return [.. gateways().Select(g => g.IsIPv4MappedToIPv6 ? g.MapToIPv4() : g)
                .Where(g => !g.Equals(IPAddress.Any) && !g.Equals(IPAddress.IPv6Any)).Distinct()];
        }
        catch (NetworkInformationException)
        {
            return [];
        }
        catch (PlatformNotSupportedException)
        {
            return [];
        }
    }

    private static IReadOnlyList<IPAddress> DefaultGateways() =>
        [.. NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().GatewayAddresses.Select(g => g.Address))];
}
