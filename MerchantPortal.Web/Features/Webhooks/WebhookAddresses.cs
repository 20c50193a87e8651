using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace MerchantPortal.Web.Features.Webhooks;

/// <summary>What kind of network an address is in, as far as sending a merchant's webhook there goes.</summary>
public enum AddressKind
{
    Public,

    /// <summary>127.0.0.0/8 and ::1: this machine.</summary>
    Loopback,

    /// <summary>RFC 1918, CGNAT (100.64/10), IETF and benchmarking ranges, unique-local and site-local IPv6.</summary>
    Private,

    /// <summary>169.254/16 and fe80::/10, with the cloud metadata addresses (169.254.169.254, fd00:ec2::254).</summary>
    LinkLocal,

    /// <summary>"This network", unspecified, IPv4-compatible IPv6, multicast and the reserved 240/4.</summary>
    Reserved,

    /// <summary>TEST-NET-1/2/3 (192.0.2/24, 198.51.100/24, 203.0.113/24) and 2001:db8::/32: never a real server.</summary>
    Documentation,
}

public static class WebhookAddresses
{
    private static readonly byte[] Nat64 = [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];
    private static readonly IPAddress AwsMetadataV6 = IPAddress.Parse("fd00:ec2::254");

    /// <summary>IPv6 forms that embed an IPv4 address (mapped, NAT64) are judged by that address.</summary>
    public static AddressKind Classify(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var v6 = address.GetAddressBytes();
            if (address.IsIPv4MappedToIPv6 || Nat64.SequenceEqual(v6[..12]))
            {
                return Classify(new IPAddress(v6[12..]));
            }

            return IPAddress.IPv6Loopback.Equals(address) ? AddressKind.Loopback
                : v6[..12].All(b => b == 0) || address.IsIPv6Multicast ? AddressKind.Reserved
                : address.IsIPv6LinkLocal || AwsMetadataV6.Equals(address) ? AddressKind.LinkLocal
                : address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal ? AddressKind.Private
                : v6[0] == 0x20 && v6[1] == 0x01 && v6[2] == 0x0d && v6[3] == 0xb8 ? AddressKind.Documentation
                : AddressKind.Public;
        }

        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0 => AddressKind.Reserved,
            127 => AddressKind.Loopback,
            10 => AddressKind.Private,
            100 when b[1] is >= 64 and <= 127 => AddressKind.Private,
            169 when b[1] == 254 => AddressKind.LinkLocal,
            172 when b[1] is >= 16 and <= 31 => AddressKind.Private,
            192 when b[1] == 168 || (b[1] == 0 && b[2] == 0) => AddressKind.Private,
            192 when b[1] == 0 && b[2] == 2 => AddressKind.Documentation,
            198 when b[1] is 18 or 19 => AddressKind.Private,
            198 when b[1] == 51 && b[2] == 100 => AddressKind.Documentation,
            203 when b[1] == 0 && b[2] == 113 => AddressKind.Documentation,
            >= 224 => AddressKind.Reserved,
            _ => AddressKind.Public,
        };
    }
}

/// <summary>The addresses of this server's own network interfaces, looked up at most once a minute.</summary>
public class ServerInterfaceAddresses(TimeProvider time)
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMinutes(1);
    private (DateTimeOffset At, HashSet<IPAddress> Addresses)? cached;

    public virtual bool Contains(IPAddress address)
    {
        var now = time.GetUtcNow();
        var current = cached;
        if (current is null || now - current.Value.At > Refresh)
        {
            current = (now, Read());
            cached = current;
        }

        return current.Value.Addresses.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
    }

    private static HashSet<IPAddress> Read()
    {
        try
        {
            return [.. NetworkInterface.GetAllNetworkInterfaces().SelectMany(i => i.GetIPProperties().UnicastAddresses).Select(a => a.Address)];
        }
        catch (NetworkInformationException)
        {
            return [];
        }
    }
}
