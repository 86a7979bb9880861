using Proxus.Drivers.OpcUa;

namespace Proxus.Drivers.Tests.OpcUa;

public sealed class NodeIdTextTests
{
    [Theory]
    [InlineData("i=2258", 0, NodeIdType.Numeric)]
    [InlineData("ns=2;s=Line1.Speed", 2, NodeIdType.String)]
    [InlineData("ns=2;s=with;semicolon=and=equals", 2, NodeIdType.String)]
    [InlineData("ns=1;g=72962b91-fa75-4ae6-8d28-b404dc7daf63", 1, NodeIdType.Guid)]
    [InlineData("ns=3;b=AQID", 3, NodeIdType.Opaque)]
    public void Parse_TextForm_RoundTrips(string text, int ns, NodeIdType type)
    {
        var nodeId = NodeId.Parse(text);

        nodeId.NamespaceIndex.Should().Be((ushort)ns);
        nodeId.IdType.Should().Be(type);
        nodeId.ToString().Should().Be(text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("x=1")]
    [InlineData("i=abc")]
    [InlineData("i=-1")]
    [InlineData("ns=70000;i=1")]
    [InlineData("ns=1")]
    [InlineData("ns=1;g=not-a-guid")]
    [InlineData("ns=1;b=***")]
    public void Parse_InvalidText_ThrowsBadNodeIdInvalid(string text)
    {
        var act = () => NodeId.Parse(text);

        act.Should().Throw<OpcUaException>().Which.StatusCode.Should().Be(StatusCode.BadNodeIdInvalid);
    }

    [Fact]
    public void Equals_SameIdentifierDifferentNamespace_AreDifferent()
    {
        NodeId.Parse("ns=1;s=A").Should().NotBe(NodeId.Parse("ns=2;s=A"));
        NodeId.Parse("ns=1;b=AQID").Should().Be(NodeId.Parse("ns=1;b=AQID"));
        NodeId.Parse("ns=1;b=AQID").GetHashCode().Should().Be(NodeId.Parse("ns=1;b=AQID").GetHashCode());
    }

    [Theory]
    [InlineData("svr=1;nsu=urn:x;s=Tag", "urn:x", 1u)]
    [InlineData("nsu=http://acme/UA/;i=5", "http://acme/UA/", 0u)]
    [InlineData("ns=2;s=Local", null, 0u)]
    public void ExpandedNodeId_Parse_RoundTrips(string text, string? uri, uint server)
    {
        var expanded = ExpandedNodeId.Parse(text);

        expanded.NamespaceUri.Should().Be(uri);
        expanded.ServerIndex.Should().Be(server);
        expanded.ToString().Should().Be(text);
    }

    [Theory]
    [InlineData("svr=x;i=1")]
    [InlineData("nsu=urn:x")]
    [InlineData("nsu=urn:x;q=1")]
    public void ExpandedNodeId_InvalidText_ThrowsBadNodeIdInvalid(string text)
    {
        var act = () => ExpandedNodeId.Parse(text);

        act.Should().Throw<OpcUaException>().Which.StatusCode.Should().Be(StatusCode.BadNodeIdInvalid);
    }
}
