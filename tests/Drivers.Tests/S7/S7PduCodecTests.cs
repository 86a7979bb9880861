using Proxus.Drivers.S7;
using Proxus.Drivers.S7.Protocol;

namespace Proxus.Drivers.Tests.S7;

public sealed class S7PduCodecTests
{
    /// <summary>Read Var job, reference 5: DB1 bytes 0..3 (S7ANY byte x4 at bit address 0) and M0.1 (bit at address 1).</summary>
    private const string ReadRequest =
        "0300002B02F080" + "320100000005001A0000" + "0402"
        + "120A10020004000184000000"
        + "120A10010001000083000001";

    /// <summary>Its acknowledgement: three bytes 0x0A0B0C (odd, so a fill byte follows) and the bit (transport size 3, length 1).</summary>
    private const string ReadResponse =
        "0300002202F080" + "3203000000050002000D" + "0000" + "0402"
        + "FF0400180A0B0C00"
        + "FF03000101";

    [Fact]
    public void EncodeReadVarRequest_TwoItems_MatchesKnownBytes()
    {
        var frame = S7PduCodec.EncodeReadVarRequest(5,
        [
            new S7ItemAddress(S7VariableType.Byte, 4, 1, 0x84, 0),
            new S7ItemAddress(S7VariableType.Bit, 1, 0, 0x83, 1),
        ]);

        Convert.ToHexString(frame).Should().Be(ReadRequest);
    }

    [Fact]
    public void DecodeItemAddresses_KnownRequest_RoundTrips()
    {
        var items = S7PduCodec.DecodeItemAddresses(S7PduCodec.Decode(Pdu(ReadRequest)));

        items.Should().Equal(new S7ItemAddress(S7VariableType.Byte, 4, 1, 0x84, 0), new S7ItemAddress(S7VariableType.Bit, 1, 0, 0x83, 1));
    }

    [Fact]
    public void DecodeReadVarResponse_KnownBytesWithFillByte_ReturnsItems()
    {
        var items = S7PduCodec.DecodeReadVarResponse(S7PduCodec.Decode(Pdu(ReadResponse)), 2);

        items[0].ReturnCode.Should().Be(S7ReturnCode.Success);
        items[0].Data.ToArray().Should().Equal(0x0A, 0x0B, 0x0C);
        items[1].TransportSize.Should().Be(S7DataTransportSize.Bit);
        items[1].Data.ToArray().Should().Equal(0x01);
    }

    [Fact]
    public void EncodeReadVarResponse_SameItems_MatchesKnownBytes()
    {
        var frame = S7PduCodec.EncodeReadVarResponse(5,
        [
            new S7DataItem(S7ReturnCode.Success, S7DataTransportSize.Byte, new byte[] { 0x0A, 0x0B, 0x0C }),
            new S7DataItem(S7ReturnCode.Success, S7DataTransportSize.Bit, new byte[] { 0x01 }),
        ]);

        Convert.ToHexString(frame).Should().Be(ReadResponse);
    }

    [Fact]
    public void WriteVar_RequestAndResponse_RoundTrip()
    {
        S7ItemAddress[] items = [new(S7VariableType.Byte, 3, 2, 0x84, 16), new(S7VariableType.Timer, 1, 0, 0x1D, 3)];
        S7DataItem[] data = [new(S7ReturnCode.Reserved, S7DataTransportSize.Byte, new byte[] { 1, 2, 3 }), new(S7ReturnCode.Reserved, S7DataTransportSize.OctetString, new byte[] { 4, 5 })];

        var request = S7PduCodec.Decode(Pdu(Convert.ToHexString(S7PduCodec.EncodeWriteVarRequest(9, items, data))));
        var decoded = S7PduCodec.DecodeWriteVarRequest(request, out var decodedData);
        var response = S7PduCodec.Decode(Pdu(Convert.ToHexString(S7PduCodec.EncodeWriteVarResponse(9, [S7ReturnCode.Success, S7ReturnCode.AddressOutOfRange]))));

        decoded.Should().Equal(items);
        decodedData.Select(d => d.Data.ToArray()).Should().BeEquivalentTo(new[] { new byte[] { 1, 2, 3 }, new byte[] { 4, 5 } }, o => o.WithStrictOrdering());
        S7PduCodec.DecodeWriteVarResponse(response, 2).Should().Equal(S7ReturnCode.Success, S7ReturnCode.AddressOutOfRange);
    }

    [Fact]
    public void SetupCommunication_RoundTrip_KeepsValues()
    {
        var frame = S7PduCodec.EncodeSetupCommunication(S7PduType.Job, 1, new S7SetupCommunication(1, 1, 960));

        Convert.ToHexString(frame).Should().Be("0300001902F08032010000000100080000F0000001000103C0");
        S7PduCodec.DecodeSetupCommunication(S7PduCodec.Decode(frame.AsMemory(7))).Should().Be(new S7SetupCommunication(1, 1, 960));
    }

    [Fact]
    public void Decode_EveryTruncatedPdu_ThrowsMalformedOrMismatch()
    {
        var pdu = Pdu(ReadResponse);
        for (var length = 0; length < pdu.Length; length++)
        {
            var act = () => S7PduCodec.DecodeReadVarResponse(S7PduCodec.Decode(pdu[..length]), 2);

            act.Should().Throw<S7Exception>().Which.Reason.Should().BeOneOf(S7ErrorReason.MalformedFrame, S7ErrorReason.UnexpectedMessage);
        }
    }

    [Theory]
    [InlineData(17, 0x40, S7ErrorReason.MalformedFrame)]
    [InlineData(13, 0x03, S7ErrorReason.ItemCountMismatch)]
    [InlineData(16, 0x0A, S7ErrorReason.MalformedFrame)]
    [InlineData(12, 0x05, S7ErrorReason.UnexpectedMessage)]
    [InlineData(1, 0x02, S7ErrorReason.UnexpectedMessage)]
    [InlineData(15, 0x42, S7ErrorReason.MalformedFrame)]
    public void DecodeReadVarResponse_FieldLies_ThrowsTypedError(int index, byte value, S7ErrorReason expected)
    {
        var pdu = Pdu(ReadResponse).ToArray();
        pdu[index] = value;

        var act = () => S7PduCodec.DecodeReadVarResponse(S7PduCodec.Decode(pdu), 2);

        act.Should().Throw<S7Exception>().Which.Reason.Should().Be(expected);
    }

    [Fact]
    public void DecodeReadVarResponse_TrailingBytes_ThrowsMalformed()
    {
        var frame = S7PduCodec.EncodeReadVarResponse(1, [new S7DataItem(S7ReturnCode.Success, S7DataTransportSize.Byte, new byte[] { 1, 2 })]);
        byte[] pdu = [.. frame.AsSpan(7), 0xEE, 0xEE];
        pdu[9] += 2;

        var act = () => S7PduCodec.DecodeReadVarResponse(S7PduCodec.Decode(pdu), 1);

        act.Should().Throw<S7Exception>().Which.Reason.Should().Be(S7ErrorReason.MalformedFrame);
    }

    [Fact]
    public void DecodeItemAddresses_NotS7Any_ThrowsMalformed()
    {
        var pdu = Pdu(ReadRequest).ToArray();
        pdu[12] = 0xB0;

        var act = () => S7PduCodec.DecodeItemAddresses(S7PduCodec.Decode(pdu));

        act.Should().Throw<S7Exception>().Which.Reason.Should().Be(S7ErrorReason.MalformedFrame);
    }

    [Fact]
    public void EnsureAcknowledgement_ErrorClass_ThrowsRequestRejectedWithCodes()
    {
        var pdu = S7PduCodec.Decode(S7PduCodec.EncodeRejection(3, 0x81, 0x04).AsMemory(7));

        var act = () => S7PduCodec.EnsureAcknowledgement(pdu, S7Function.ReadVar);

        var error = act.Should().Throw<S7Exception>().Which;
        error.Reason.Should().Be(S7ErrorReason.RequestRejected);
        (error.ErrorClass, error.ErrorCode).Should().Be(((byte)0x81, (byte)0x04));
    }

    private static ReadOnlyMemory<byte> Pdu(string frameHex) => Convert.FromHexString(frameHex).AsMemory(7);
}
