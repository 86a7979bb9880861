using System.Net;

namespace Proxus.Server.Api;

/// <summary>
/// How the server writes a client's address for people (audit actors, alert sources, logs): an
/// IPv4 client reached over a dual-stack socket shows as <c>127.0.0.1</c>, not as the IPv4-mapped
/// IPv6 form <c>::ffff:127.0.0.1</c>, so that one client always has one spelling and a per-source
/// count sees it once. HTTP and MQTT name their clients through this one helper.
/// </summary>
internal static class ClientAddress
{
    public const string Unknown = "unknown";

    public static string Of(IPAddress? address)
        => address is null ? Unknown : Unmapped(address).ToString();

    /// <summary>The address of a connection's remote end point (without its port); a non-IP end point as it writes itself.</summary>
    public static string Of(EndPoint? endPoint) => endPoint switch
    {
        null => Unknown,
        IPEndPoint ip => Of(ip.Address),
        _ => endPoint.ToString() ?? Unknown,
    };

    /// <summary>The end point with an IPv4-mapped address replaced by the IPv4 address, port kept (<c>127.0.0.1:50123</c>).</summary>
    public static EndPoint? Unmap(EndPoint? endPoint)
        => endPoint is IPEndPoint { Address.IsIPv4MappedToIPv6: true } ip ? new IPEndPoint(ip.Address.MapToIPv4(), ip.Port) : endPoint;

    /// <summary>The same for an address already written as text; anything that is not an address is returned unchanged.</summary>
    public static string? Normalize(string? text)
        => text is not null && text.Contains("::ffff:", StringComparison.OrdinalIgnoreCase) && IPAddress.TryParse(text, out var address) ? Of(address) : text;

    private static IPAddress Unmapped(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
