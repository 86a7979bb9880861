using System.Net;

namespace Proxus.Server.Api;

/// <summary>
/// How the server writes a client's address for people (audit actors, alert sources): an IPv4
/// client reached over a dual-stack socket shows as <c>127.0.0.1</c>, not as the IPv4-mapped IPv6
/// form <c>::ffff:127.0.0.1</c>, so that one client always has one spelling and a per-source count
/// sees it once.
/// </summary>
internal static class ClientAddress
{
    public const string Unknown = "unknown";

    public static string Of(IPAddress? address)
        => address is null ? Unknown : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    /// <summary>The same for an address already written as text; anything that is not an address is returned unchanged.</summary>
    public static string? Normalize(string? text)
        => text is not null && text.Contains("::ffff:", StringComparison.OrdinalIgnoreCase) && IPAddress.TryParse(text, out var address) ? Of(address) : text;
}
