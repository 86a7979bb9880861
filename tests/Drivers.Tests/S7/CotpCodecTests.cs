using Proxus.Drivers.S7;
using Proxus.Drivers.S7.Protocol;

namespace Proxus.Drivers.Tests.S7;

public sealed class CotpCodecTests
{
    /// <summary>A CR for rack 0 slot 2 as S7 clients send it: TPDU size 1024, TSAPs 0x0100 and 0x0102.</summary>
    private const string ConnectionRequest = "0300001611E00000000100C0010AC1020100C2020102";

    [Fact]
    public void EncodeConnect_RackZeroSlotTwo_MatchesKnownBytes()
    {
        var frame = CotpCodec.EncodeConnect(new CotpConnect(CotpTpduType.ConnectionRequest, 0, 1, 0x0100, 0x0102, 0x0A));

        Convert.ToHexString(frame).Should().Be(ConnectionRequest);
    }

    [Fact]
    public void DecodeConnect_KnownRequest_ReadsReferencesAndTsaps()
    {
        var connect = CotpCodec.DecodeConnect(Convert.FromHexString(ConnectionRequest).AsSpan(4));

        connect.Should().Be(new CotpConnect(CotpTpduType.ConnectionRequest, 0, 1, 0x0100, 0x0102, 0x0A));
    }

    [Fact]
    public void DecodeConnect_UnknownParameter_IsSkipped()
    {
        var connect = CotpCodec.DecodeConnect(Convert.FromHexString("0DD00001000200C6020000C0010A"));

        connect.Type.Should().Be(CotpTpduType.ConnectionConfirm);
        connect.TpduSizeCode.Should().Be(0x0A);
    }

    [Theory]
    [InlineData("11E00000000100C0010AC1020100C20201", S7ErrorReason.MalformedFrame)]
    [InlineData("0AE00000000100C0050AC102", S7ErrorReason.MalformedFrame)]
    [InlineData("04E0000000", S7ErrorReason.MalformedFrame)]
    [InlineData("02F080", S7ErrorReason.UnexpectedMessage)]
    [InlineData("01", S7ErrorReason.MalformedFrame)]
    public void DecodeConnect_Malformed_ThrowsTypedError(string hex, S7ErrorReason expected)
    {
        var act = () => CotpCodec.DecodeConnect(Convert.FromHexString(hex));

        act.Should().Throw<S7Exception>().Which.Reason.Should().Be(expected);
    }

    [Fact]
    public void DecodeData_LastTpdu_ReturnsPayloadWithEndOfTsdu()
    {
        var payload = CotpCodec.DecodeData(Convert.FromHexString("02F080AABB"), out var endOfTsdu);

        payload.ToArray().Should().Equal(0xAA, 0xBB);
        endOfTsdu.Should().BeTrue();
    }

    [Theory]
    [InlineData("03F08000AA", S7ErrorReason.MalformedFrame)]
    [InlineData("06800001000100", S7ErrorReason.ConnectionClosed)]
    [InlineData("02D080", S7ErrorReason.UnexpectedMessage)]
    public void DecodeData_NotAWellFormedDt_ThrowsTypedError(string hex, S7ErrorReason expected)
    {
        Action act = () => CotpCodec.DecodeData(Convert.FromHexString(hex), out _);

        act.Should().Throw<S7Exception>().Which.Reason.Should().Be(expected);
    }
}
