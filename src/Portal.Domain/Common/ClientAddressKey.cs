using System.Net;
using System.Net.Sockets;

namespace Portal.Domain.Common;

/// <summary>
/// A client address as a counting key, shared by rate limiting and the refusal audit: IPv4 (also when mapped into
/// IPv6) and IPv6 loopback as they are, any other IPv6 address by its prefix (one site or one subnet), <c>unknown</c>
/// without an address.
/// </summary>
public static class ClientAddressKey
{
    public static string Of(IPAddress? address, int ipv6PrefixBits)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(address))
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, ipv6PrefixBits / 8, 16 - (ipv6PrefixBits / 8));
        return new IPAddress(bytes) + "/" + ipv6PrefixBits;
    }
}
