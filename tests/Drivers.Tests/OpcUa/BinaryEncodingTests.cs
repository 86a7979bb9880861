using Proxus.Drivers.OpcUa;
using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.Tests.OpcUa;

/// <summary>
/// Known-good byte vectors: the examples of OPC UA Part 6 section 5.2.2 and values encoded by node-opcua
/// 2.182.2 (an independent encoder), decoded and re-encoded byte for byte.
/// </summary>
public sealed class BinaryEncodingTests
{
    public static TheoryData<string, string> NodeIdVectors => new()
    {
        // Part 6 section 5.2.2.9 examples.
        { "i=114", "0072" },
        { "ns=5;i=1025", "01050104" },
        { "ns=1;s=Hot水", "030100" + "06000000" + "486F74E6B0B4" },
        { "ns=4;g=72962b91-fa75-4ae6-8d28-b404dc7daf63", "040400912B967275FAE64A8D28B404DC7DAF63" },
        { "ns=2;i=70000", "020200" + "70110100" },
        { "ns=3;b=AQID", "050300" + "03000000010203" },
    };

    public static TheoryData<string, Variant> VariantVectors => new()
    {
        { "860300000001000000feffffff03000000", new Variant(BuiltInType.Int32, new[] { 1, -2, 3 }, isArray: true) },
        { "cb06000000000000000000f03f00000000000000400000000000000840000000000000104000000000000014400000000000001840020000000200000003000000", new Variant(BuiltInType.Double, new[] { 1.0, 2, 3, 4, 5, 6 }, isArray: true, [2, 3]) },
        { "0c070000004772c3bcc39f65", new Variant(BuiltInType.String, "Grüße") },
        { "150305000000656e2d55530500000048656c6c6f", new Variant(BuiltInType.LocalizedText, new LocalizedText("en-US", "Hello")) },
        { "14010002000000516e", new Variant(BuiltInType.QualifiedName, new QualifiedName(1, "Qn")) },
        { "0de034b058283dda01", new Variant(BuiltInType.DateTime, new DateTime(2024, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc)) },
        { "110302000b0000004c696e65312e5370656564", new Variant(BuiltInType.NodeId, NodeId.Parse("ns=2;s=Line1.Speed")) },
        { "1300003480", new Variant(BuiltInType.StatusCode, StatusCode.BadNodeIdUnknown) },
        { "0101", new Variant(BuiltInType.Boolean, true) },
        { "029c", new Variant(BuiltInType.SByte, (sbyte)-100) },
        { "0400c0", new Variant(BuiltInType.Int16, (short)-16384) },
        { "09f0debc9a78563412", new Variant(BuiltInType.UInt64, 0x123456789abcdef0UL) },
        { "0a00006040", new Variant(BuiltInType.Float, 3.5f) },
        { "0f03000000010203", new Variant(BuiltInType.ByteString, new byte[] { 1, 2, 3 }) },
        { "1004000000" + "3c612f3e", new Variant(BuiltInType.XmlElement, "<a/>") },
        { "00", Variant.Null },
    };

    [Theory]
    [MemberData(nameof(NodeIdVectors))]
    public void NodeId_Vector_DecodesAndReencodesExactly(string text, string hex)
    {
        var bytes = Convert.FromHexString(hex);
        var reader = new UaBinaryReader(bytes);

        var decoded = reader.ReadNodeId();

        decoded.Should().Be(NodeId.Parse(text));
        reader.Remaining.Should().Be(0);
        using var writer = new UaBinaryWriter();
        writer.WriteNodeId(decoded);
        Convert.ToHexString(writer.WrittenSpan).Should().Be(hex.ToUpperInvariant());
    }

    [Fact]
    public void String_Part6Example_IsLengthPrefixedUtf8()
    {
        using var writer = new UaBinaryWriter();
        writer.WriteString("水Boy");
        writer.WriteString(null);
        writer.WriteString(string.Empty);

        Convert.ToHexString(writer.WrittenSpan).Should().Be("06000000E6B0B4426F79" + "FFFFFFFF" + "00000000");
        var reader = new UaBinaryReader(writer.WrittenSpan);
        reader.ReadString().Should().Be("水Boy");
        reader.ReadString().Should().BeNull();
        reader.ReadString().Should().BeEmpty();
    }

    [Fact]
    public void Guid_Part6Example_UsesMixedEndianLayout()
    {
        using var writer = new UaBinaryWriter();
        writer.WriteGuid(Guid.Parse("72962B91-FA75-4AE6-8D28-B404DC7DAF63"));

        Convert.ToHexString(writer.WrittenSpan).Should().Be("912B967275FAE64A8D28B404DC7DAF63");
    }

    [Theory]
    [MemberData(nameof(VariantVectors))]
    public void Variant_NodeOpcUaVector_DecodesAndReencodesExactly(string hex, Variant expected)
    {
        var bytes = Convert.FromHexString(hex);
        var reader = new UaBinaryReader(bytes);

        var decoded = reader.ReadVariant();

        decoded.Should().Be(expected);
        reader.Remaining.Should().Be(0);
        using var writer = new UaBinaryWriter();
        writer.WriteVariant(decoded);
        Convert.ToHexString(writer.WrittenSpan).Should().Be(hex.ToUpperInvariant());
    }

    [Fact]
    public void ExpandedNodeId_NodeOpcUaVector_DecodesUriAndServerIndex()
    {
        // node-opcua writes the numeric NodeId in its long form (0x02); we write the compact four-byte form.
        var decoded = new UaBinaryReader(Convert.FromHexString("12c20000d20800000500000075726e3a7803000000")).ReadVariant();

        decoded.Should().Be(new Variant(BuiltInType.ExpandedNodeId, new ExpandedNodeId(new NodeId(2258u), "urn:x", 3)));
        using var writer = new UaBinaryWriter();
        writer.WriteVariant(decoded);
        Convert.ToHexString(writer.WrittenSpan).Should().Be("12C100D2080500000075726E3A7803000000");
    }

    [Fact]
    public void DataValue_NodeOpcUaVector_HasEveryFieldInSpecOrder()
    {
        var bytes = Convert.FromHexString("3f0b0000000000000c4000009240e034b058283dda0101000057e158283dda010200");

        var value = new UaBinaryReader(bytes).ReadDataValue();

        value.Should().Be(new DataValue(
            new Variant(BuiltInType.Double, 3.5), new StatusCode(0x40920000),
            new DateTime(2024, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc), new DateTime(2024, 1, 2, 3, 4, 6, DateTimeKind.Utc), 1, 2));
        using var writer = new UaBinaryWriter();
        writer.WriteDataValue(value);
        writer.WrittenSpan.ToArray().Should().Equal(bytes);
    }

    [Fact]
    public void DiagnosticInfo_NodeOpcUaVector_ReadsLocaleBeforeLocalizedText()
    {
        var bytes = Convert.FromHexString("7f01000000020000000300000004000000010000007800000a800107000000");

        var info = new UaBinaryReader(bytes).ReadDiagnosticInfo();

        info.Should().Be(new DiagnosticInfo(1, 2, 3, 4, "x", StatusCode.BadTimeout, new DiagnosticInfo(SymbolicId: 7)));
        using var writer = new UaBinaryWriter();
        writer.WriteDiagnosticInfo(info);
        writer.WrittenSpan.ToArray().Should().Equal(bytes);
    }

    [Fact]
    public void DateTime_OutOfRangeValues_ClampToMinAndMax()
    {
        new UaBinaryReader(Convert.FromHexString("0000000000000000")).ReadDateTime().Should().Be(DateTime.MinValue);
        new UaBinaryReader(Convert.FromHexString("FFFFFFFFFFFFFF7F")).ReadDateTime().Should().Be(DateTime.MaxValue);
        using var writer = new UaBinaryWriter();
        writer.WriteDateTime(DateTime.MinValue);
        writer.WriteDateTime(new DateTime(1500, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Convert.ToHexString(writer.WrittenSpan).Should().Be("00000000000000000000000000000000");
    }

    [Fact]
    public void ExtensionObject_BinaryBody_RoundTrips()
    {
        var value = new ExtensionObject(new NodeId(298u), ExtensionObjectEncoding.Binary, new byte[] { 9, 8, 7 });
        using var writer = new UaBinaryWriter();
        writer.WriteExtensionObject(value);

        Convert.ToHexString(writer.WrittenSpan).Should().Be("01002A010103000000090807");
        var decoded = new UaBinaryReader(writer.WrittenSpan).ReadExtensionObject();
        decoded.TypeId.Should().Be(new NodeId(298u));
        decoded.Body.ToArray().Should().Equal(9, 8, 7);
    }
}
