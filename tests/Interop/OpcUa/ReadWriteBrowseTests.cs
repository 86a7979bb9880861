using Proxus.Drivers.OpcUa;

namespace Proxus.Interop.Tests.OpcUa;

public sealed class ReadWriteBrowseTests(NodeOpcUaServer server) : IClassFixture<NodeOpcUaServer>
{
    [Fact]
    public async Task ReadAsync_EveryBuiltInScalar_DecodesNodeOpcUaValues()
    {
        await using var client = await OpcUaClient.ConnectAsync(server.Options());

        var values = await client.ReadAsync(
            new[] { "Boolean", "SByte", "Byte", "Int16", "UInt16", "Int32", "UInt32", "Int64", "UInt64", "Float", "Double", "String", "DateTime", "Guid",
             "ByteString", "XmlElement", "NodeId", "ExpandedNodeId", "StatusCode", "QualifiedName", "LocalizedText" }
                .Select(name => new NodeId(name, 1)).ToArray());

        values.Should().OnlyContain(v => v.Status.IsGood);
        values.Select(v => v.Value.Value).Should().BeEquivalentTo(new object?[]
        {
            true, (sbyte)-100, (byte)200, (short)-30000, (ushort)60000, -2000000000, 4000000000u, -2L, 0x123456789abcdef0UL, 3.5f, 3.14159,
            "Grüße from node-opcua", new DateTime(2024, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc), Guid.Parse("72962B91-FA75-4AE6-8D28-B404DC7DAF63"),
            new byte[] { 1, 2, 3, 254, 255 }, "<a>1</a>", new NodeId("Boolean", 1), new ExpandedNodeId(new NodeId(2258u)),
            StatusCode.BadNodeIdUnknown, new QualifiedName(1, "Qn"), new LocalizedText("en-US", "Hello"),
        }, o => o.WithStrictOrdering());
        values.Select(v => v.Value.Type).Should().Equal(
            BuiltInType.Boolean, BuiltInType.SByte, BuiltInType.Byte, BuiltInType.Int16, BuiltInType.UInt16, BuiltInType.Int32, BuiltInType.UInt32,
            BuiltInType.Int64, BuiltInType.UInt64, BuiltInType.Float, BuiltInType.Double, BuiltInType.String, BuiltInType.DateTime, BuiltInType.Guid,
            BuiltInType.ByteString, BuiltInType.XmlElement, BuiltInType.NodeId, BuiltInType.ExpandedNodeId, BuiltInType.StatusCode,
            BuiltInType.QualifiedName, BuiltInType.LocalizedText);
        values[0].SourceTimestamp.Should().NotBeNull();
        values[0].ServerTimestamp.Should().NotBeNull();
    }

    [Fact]
    public async Task ReadAsync_ArraysAndMatrix_KeepElementsAndDimensions()
    {
        await using var client = await OpcUaClient.ConnectAsync(server.Options());

        var values = await client.ReadAsync(new[] { "Int32Array", "DoubleArray", "StringArray", "BooleanArray", "DoubleMatrix" }.Select(n => new NodeId(n, 1)).ToArray());

        values[0].Value.Value.Should().BeEquivalentTo(new[] { 1, -2, 3 });
        values[1].Value.Value.Should().BeEquivalentTo(new[] { 1.5, 2.5 });
        values[2].Value.Value.Should().BeEquivalentTo(new[] { "a", "", "c" });
        values[3].Value.Value.Should().BeEquivalentTo(new[] { true, false, true });
        values[4].Value.Value.Should().BeEquivalentTo(new[] { 1.0, 2, 3, 4, 5, 6 });
        values[4].Value.ArrayDimensions.Should().Equal(2, 3);
    }

    [Fact]
    public async Task WriteAsync_WritableNodes_ReadBackTheWrittenValues()
    {
        await using var client = await OpcUaClient.ConnectAsync(server.Options());

        await client.WriteAsync("ns=1;s=WritableDouble", 42.25);
        await client.WriteAsync("ns=1;s=WritableInt32", "-17");
        await client.WriteAsync(new NodeId("WritableString", 1), Variant.From("written by Proxus"));

        (await client.ReadAsync("ns=1;s=WritableDouble")).Value.Value.Should().Be(42.25);
        (await client.ReadAsync("ns=1;s=WritableInt32")).Value.Value.Should().Be(-17);
        (await client.ReadAsync("ns=1;s=WritableString")).Value.Value.Should().Be("written by Proxus");
    }

    [Fact]
    public async Task WriteAsync_ReadOnlyNode_ThrowsWithTheServersStatus()
    {
        await using var client = await OpcUaClient.ConnectAsync(server.Options());

        var act = () => client.WriteAsync(new NodeId("Double", 1), Variant.From(1.0));

        (await act.Should().ThrowAsync<OpcUaException>()).Which.StatusCode.Should().Be(StatusCode.BadNotWritable);
    }

    [Fact]
    public async Task ReadAsync_ManyRequestsInFlightOnOneSession_EachGetsTheValuesOfItsOwnNodes()
    {
        await using var client = await OpcUaClient.ConnectAsync(server.Options());
        var expected = new (string Name, object Value)[]
        {
            ("Boolean", true), ("Byte", (byte)200), ("Int16", (short)-30000), ("UInt16", (ushort)60000), ("Int32", -2000000000),
            ("UInt32", 4000000000u), ("Double", 3.14159), ("String", "Grüße from node-opcua"),
        };

        // 64 Read requests sent without waiting, each of one node or of two: the responses come back on one
        // secure channel and each must reach the request it answers.
        var reads = Enumerable.Range(0, 64).Select(i =>
        {
            var first = expected[i % expected.Length];
            var second = expected[(i / expected.Length) % expected.Length];
            NodeId[] nodes = i % 2 == 0 ? [new NodeId(first.Name, 1)] : [new NodeId(first.Name, 1), new NodeId(second.Name, 1)];
            return (Expected: i % 2 == 0 ? new[] { first.Value } : [first.Value, second.Value], Read: client.ReadAsync(nodes));
        }).ToArray();
        await Task.WhenAll(reads.Select(r => r.Read)).WaitAsync(TimeSpan.FromSeconds(30));

        foreach (var (values, read) in reads)
        {
            (await read).Select(v => v.Value.Value).Should().Equal(values);
        }
    }

    [Fact]
    public async Task ReadAsync_UnknownNode_ReturnsBadNodeIdUnknownPerNode()
    {
        await using var client = await OpcUaClient.ConnectAsync(server.Options());

        var values = await client.ReadAsync([new NodeId("NoSuchNode", 1), new NodeId("Double", 1)]);

        values[0].Status.Should().Be(StatusCode.BadNodeIdUnknown);
        values[1].Status.IsGood.Should().BeTrue();
    }

    [Fact]
    public async Task ReadAsync_MoreNodesThanMaxNodesPerRead_IsBatched()
    {
        await using var client = await OpcUaClient.ConnectAsync(server.Options());
        client.Limits.MaxNodesPerRead.Should().Be(100);

        var values = await client.ReadAsync(Enumerable.Range(0, 1000).Select(i => new NodeId($"Dynamic.{i}", 1)).ToArray());

        values.Should().HaveCount(1000).And.OnlyContain(v => v.Status.IsGood && v.Value.Type == BuiltInType.UInt32);
    }

    [Fact]
    public async Task BrowseAsync_DynamicFolder_FollowsContinuationPointsToEveryReference()
    {
        await using var client = await OpcUaClient.ConnectAsync(server.Options());

        var references = await client.BrowseAsync(new NodeId("Dynamic", 1), maxReferencesPerRequest: 100);

        references.Should().HaveCount(1002);
        references.Select(r => r.BrowseName.Name).Should().Contain(["Dynamic.0", "Dynamic.999", "Sine", "Ramp"]);
        references.Should().OnlyContain(r => r.NodeClass == NodeClass.Variable);
    }

    [Fact]
    public async Task BrowseAsync_ObjectsFolder_FindsTheServerAndOurFolder()
    {
        await using var client = await OpcUaClient.ConnectAsync(server.Options());

        var references = await client.BrowseAsync(new NodeId(85u));

        references.Select(r => r.BrowseName.ToString()).Should().Contain(["Server", "1:Proxus"]);
    }

    [Fact]
    public async Task TranslateBrowsePathAsync_PathOfBrowseNames_ResolvesTheNode()
    {
        await using var client = await OpcUaClient.ConnectAsync(server.Options());

        var nodeId = await client.TranslateBrowsePathAsync(new NodeId(85u), "1:Proxus/1:Scalars/1:Double");

        nodeId.Should().Be(new NodeId("Double", 1));
    }

    [Fact]
    public async Task TranslateBrowsePathAsync_UnknownPath_ThrowsBadNoMatch()
    {
        await using var client = await OpcUaClient.ConnectAsync(server.Options());

        var act = () => client.TranslateBrowsePathAsync(new NodeId(85u), "1:Proxus/1:Nothing");

        (await act.Should().ThrowAsync<OpcUaException>()).Which.StatusCode.Should().Be(StatusCode.BadNoMatch);
    }

    [Fact]
    public async Task GetEndpointsAsync_NodeOpcUa_OffersEveryConfiguredPolicy()
    {
        var endpoints = await OpcUaClient.GetEndpointsAsync(server.EndpointUrl, TimeSpan.FromSeconds(10));

        endpoints.Select(e => e.SecurityPolicyUri).Distinct().Should().BeEquivalentTo(
            [SecurityPolicy.None.Uri, SecurityPolicy.Basic256Sha256.Uri, SecurityPolicy.Aes128Sha256RsaOaep.Uri]);
        endpoints.Should().Contain(e => e.SecurityMode == MessageSecurityMode.SignAndEncrypt && e.ServerCertificate != null);
    }
}
