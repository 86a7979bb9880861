using Proxus.Drivers.OpcUa;
using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.Tests.OpcUa;

/// <summary>Hostile input: truncations, lengths beyond the limits, bad type ids, deep nesting.</summary>
public sealed class BinaryDecodingLimitsTests
{
    public static TheoryData<string> EncodedValues => new()
    {
        "3f0b0000000000000c4000009240e034b058283dda0101000057e158283dda010200",
        "cb06000000000000000000f03f00000000000000400000000000000840000000000000104000000000000014400000000000001840020000000200000003000000",
        "12c20000d20800000500000075726e3a7803000000",
        "150305000000656e2d55530500000048656c6c6f",
        "7f01000000020000000300000004000000010000007800000a800107000000",
    };

    [Theory]
    [MemberData(nameof(EncodedValues))]
    public void Decode_EveryTruncatedPrefix_ThrowsBadDecodingError(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        for (var length = 0; length < bytes.Length; length++)
        {
            var prefix = bytes[..length];
            var act = () => DecodeAny(prefix, bytes[0]);

            act.Should().Throw<OpcUaException>($"a {length}-byte prefix is incomplete").Which.StatusCode.Should().Be(StatusCode.BadDecodingError);
        }
    }

    [Fact]
    public void ReadString_LengthBeyondLimit_ThrowsBeforeAllocating()
    {
        var act = () => new UaBinaryReader(Convert.FromHexString("FFFFFF7F41")).ReadString();

        act.Should().Throw<OpcUaException>().Which.StatusCode.Should().Be(StatusCode.BadEncodingLimitsExceeded);
    }

    [Fact]
    public void ReadByteString_LengthBeyondLimit_ThrowsBeforeAllocating()
    {
        var act = () => new UaBinaryReader(Convert.FromHexString("FFFFFF7F41"), UaEncodingLimits.Default with { MaxByteStringLength = 1024 }).ReadByteString();

        act.Should().Throw<OpcUaException>().Which.StatusCode.Should().Be(StatusCode.BadEncodingLimitsExceeded);
    }

    [Fact]
    public void ReadVariant_ArrayLengthBeyondTheMessage_ThrowsBeforeAllocating()
    {
        var act = () => new UaBinaryReader(Convert.FromHexString("8600000100")).ReadVariant();

        act.Should().Throw<OpcUaException>().Which.StatusCode.Should().Be(StatusCode.BadDecodingError);
    }

    [Fact]
    public void ReadVariant_ArrayLengthBeyondTheLimit_ThrowsBadEncodingLimitsExceeded()
    {
        var act = () => new UaBinaryReader(Convert.FromHexString("86FFFFFF7F"), UaEncodingLimits.Default with { MaxArrayLength = 1000 }).ReadVariant();

        act.Should().Throw<OpcUaException>().Which.StatusCode.Should().Be(StatusCode.BadEncodingLimitsExceeded);
    }

    [Fact]
    public void ReadVariant_UnknownTypeId_ThrowsBadDecodingError()
    {
        var act = () => new UaBinaryReader(Convert.FromHexString("3F00")).ReadVariant();

        act.Should().Throw<OpcUaException>().Which.StatusCode.Should().Be(StatusCode.BadDecodingError);
    }

    [Fact]
    public void ReadVariant_MatrixDimensionsNotMatchingElements_ThrowsBadDecodingError()
    {
        var act = () => new UaBinaryReader(Convert.FromHexString("C6020000000100000002000000" + "02000000" + "02000000" + "02000000")).ReadVariant();

        act.Should().Throw<OpcUaException>().Which.StatusCode.Should().Be(StatusCode.BadDecodingError);
    }

    [Fact]
    public void ReadVariant_NestingDeeperThanTheLimit_ThrowsBadEncodingLimitsExceeded()
    {
        // A Variant array holding one Variant array holding ... 100 levels deep.
        var hex = string.Concat(Enumerable.Repeat("9801000000", 100)) + "00";

        var act = () => new UaBinaryReader(Convert.FromHexString(hex)).ReadVariant();

        act.Should().Throw<OpcUaException>().Which.StatusCode.Should().Be(StatusCode.BadEncodingLimitsExceeded);
    }

    [Fact]
    public void ReadDiagnosticInfo_EndlessInnerChain_ThrowsBadEncodingLimitsExceeded()
    {
        var hex = string.Concat(Enumerable.Repeat("40", 200)) + "00";

        var act = () => new UaBinaryReader(Convert.FromHexString(hex)).ReadDiagnosticInfo();

        act.Should().Throw<OpcUaException>().Which.StatusCode.Should().Be(StatusCode.BadEncodingLimitsExceeded);
    }

    [Fact]
    public void ReadString_InvalidUtf8_ThrowsBadDecodingError()
    {
        var act = () => new UaBinaryReader(Convert.FromHexString("02000000C328")).ReadString();

        act.Should().Throw<OpcUaException>().Which.StatusCode.Should().Be(StatusCode.BadDecodingError);
    }

    [Fact]
    public void ReadNodeId_UnknownEncoding_ThrowsBadDecodingError()
    {
        var act = () => new UaBinaryReader(Convert.FromHexString("0700")).ReadNodeId();

        act.Should().Throw<OpcUaException>().Which.StatusCode.Should().Be(StatusCode.BadDecodingError);
    }

    [Fact]
    public void ReadExtensionObject_UnknownBodyEncoding_ThrowsBadDecodingError()
    {
        var act = () => new UaBinaryReader(Convert.FromHexString("000903")).ReadExtensionObject();

        act.Should().Throw<OpcUaException>().Which.StatusCode.Should().Be(StatusCode.BadDecodingError);
    }

    private static void DecodeAny(byte[] bytes, byte first)
    {
        var reader = new UaBinaryReader(bytes);
        switch (first)
        {
            case 0x3f:
                reader.ReadDataValue();
                break;
            case 0x7f:
                reader.ReadDiagnosticInfo();
                break;
            default:
                reader.ReadVariant();
                break;
        }
    }
}
