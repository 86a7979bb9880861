using System.Net;
using Proxus.Server.Api;

namespace Proxus.Server.Tests.Monitoring;

public sealed class ClientAddressTests
{
    [Theory]
    [InlineData("::ffff:127.0.0.1", "127.0.0.1")]
    [InlineData("::FFFF:10.0.0.5", "10.0.0.5")]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("::1", "::1")]
    [InlineData("2001:db8::5", "2001:db8::5")]
    public void Of_Address_IPv4MappedShownAsIPv4(string address, string expected)
        => ClientAddress.Of(IPAddress.Parse(address)).Should().Be(expected);

    [Fact]
    public void Of_NoAddress_Unknown() => ClientAddress.Of((IPAddress?)null).Should().Be("unknown");

    [Theory]
    [InlineData("::ffff:127.0.0.1", "127.0.0.1")]
    [InlineData("::1", "::1")]
    [InlineData("192.0.2.7", "192.0.2.7")]
    public void Of_EndPoint_AddressWithoutPort(string address, string expected)
        => ClientAddress.Of(new IPEndPoint(IPAddress.Parse(address), 50_123)).Should().Be(expected);

    [Fact]
    public void Of_NoEndPoint_Unknown() => ClientAddress.Of((EndPoint?)null).Should().Be("unknown");

    [Theory]
    [InlineData("::ffff:127.0.0.1", "127.0.0.1:50123")]
    [InlineData("::1", "[::1]:50123")]
    [InlineData("10.0.0.5", "10.0.0.5:50123")]
    public void Unmap_EndPoint_IPv4MappedBecomesIPv4PortKept(string address, string expected)
        => ClientAddress.Unmap(new IPEndPoint(IPAddress.Parse(address), 50_123))!.ToString().Should().Be(expected);

    [Fact]
    public void Unmap_NoEndPoint_Null() => ClientAddress.Unmap(null).Should().BeNull();

    [Theory]
    [InlineData("::ffff:192.168.1.20", "192.168.1.20")]
    [InlineData("10.0.0.5", "10.0.0.5")]
    [InlineData("unknown", "unknown")]
    [InlineData("::ffff:not-an-address", "::ffff:not-an-address")]
    [InlineData(null, null)]
    public void Normalize_Text_OnlyAnIPv4MappedAddressChanges(string? text, string? expected)
        => ClientAddress.Normalize(text).Should().Be(expected);
}
