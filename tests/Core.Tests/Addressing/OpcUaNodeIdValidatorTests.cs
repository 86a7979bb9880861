using Proxus.Core.Addressing;
using Proxus.Core.Model;

namespace Proxus.Core.Tests.Addressing;

public sealed class OpcUaNodeIdValidatorTests
{
    [Theory]
    [InlineData("ns=2;s=Line1.Temperature", "ns=2;s=Line1.Temperature")]
    [InlineData("ns=2;s=a;b=c", "ns=2;s=a;b=c")]
    [InlineData("i=2258", "i=2258")]
    [InlineData("ns=0;i=2258", "i=2258")]
    [InlineData("ns=3;g=72962B91-FA75-4AE6-8D28-B404DC7DAF63", "ns=3;g=72962b91-fa75-4ae6-8d28-b404dc7daf63")]
    [InlineData("ns=1;b=M/RbKBsRVkePCePcx24oRA==", "ns=1;b=M/RbKBsRVkePCePcx24oRA==")]
    [InlineData("nsu=urn:acme:press;s=Speed", "nsu=urn:acme:press;s=Speed")]
    public void TryValidate_ValidNodeId_FootprintIsTheCanonicalNode(string address, string space)
    {
        OpcUaNodeIdValidator.Instance.TryValidate(address, DataType.Float64, null, out var footprint, out var error).Should().BeTrue(error);

        footprint.Should().Be(new AddressFootprint(space, 0, 1));
    }

    [Theory]
    [InlineData("Temperature", "'Temperature' is not an OPC UA NodeId (ns=2;s=Line1.Temperature, ns=3;i=1001, g=<guid> or b=<base64>)")]
    [InlineData("ns=2;s=", "'ns=2;s=' is not an OPC UA NodeId (ns=2;s=Line1.Temperature, ns=3;i=1001, g=<guid> or b=<base64>)")]
    [InlineData("ns=2;x=1", "'ns=2;x=1' is not an OPC UA NodeId (ns=2;s=Line1.Temperature, ns=3;i=1001, g=<guid> or b=<base64>)")]
    [InlineData("ns=70000;i=1", "namespace index 70000 is above 65535")]
    [InlineData("ns=2;i=4294967296", "numeric identifier '4294967296' is not a UInt32")]
    [InlineData("ns=2;i=-1", "numeric identifier '-1' is not a UInt32")]
    [InlineData("ns=2;g=not-a-guid", "GUID identifier 'not-a-guid' is not of the form 72962b91-fa75-4ae6-8d28-b404dc7daf63")]
    [InlineData("ns=2;b=***", "opaque identifier is not valid base64")]
    public void TryValidate_InvalidNodeId_ReturnsPreciseError(string address, string expected)
    {
        OpcUaNodeIdValidator.Instance.TryValidate(address, DataType.Int32, null, out _, out var error).Should().BeFalse();

        error.Should().Be(expected);
    }

    [Fact]
    public void TryValidate_StringIdentifierOverLimit_IsRejected()
    {
        var address = "ns=2;s=" + new string('x', OpcUaNodeIdValidator.MaxStringIdentifierLength + 1);

        OpcUaNodeIdValidator.Instance.TryValidate(address, DataType.Int32, null, out _, out var error).Should().BeFalse();

        error.Should().Be("string identifier is 4097 characters long; the limit is 4096");
    }
}
