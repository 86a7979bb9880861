using System.Buffers;
using Proxus.Drivers.OpcUa;
using Proxus.Drivers.OpcUa.Transport;

namespace Proxus.Drivers.Tests.OpcUa;

public sealed class ChunkHeaderTests
{
    [Fact]
    public void TryRead_CompleteHeader_ReadsTypeChunkAndSize()
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(Convert.FromHexString("4D534743" + "20000000")));

        ChunkHeader.TryRead(ref reader, 65536, out var header).Should().BeTrue();

        header.Should().Be(new ChunkHeader(MessageType.Message, ChunkType.Intermediate, 32));
        reader.Consumed.Should().Be(8);
    }

    [Fact]
    public void TryRead_EveryTruncatedPrefix_ReturnsFalseAndConsumesNothing()
    {
        var bytes = Convert.FromHexString("4F504E46" + "00010000");
        for (var length = 0; length < bytes.Length; length++)
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes[..length]));

            ChunkHeader.TryRead(ref reader, 65536, out _).Should().BeFalse();
            reader.Consumed.Should().Be(0);
        }
    }

    [Theory]
    [InlineData("58595A46" + "10000000", 0x807E0000u)]
    [InlineData("4D534758" + "10000000", 0x807E0000u)]
    [InlineData("48454C43" + "10000000", 0x807E0000u)]
    [InlineData("4D534746" + "07000000", 0x80800000u)]
    [InlineData("4D534746" + "01000100", 0x80800000u)]
    [InlineData("4D534746" + "FFFFFFFF", 0x80800000u)]
    public void TryRead_MalformedHeader_ThrowsTypedError(string hex, uint status)
    {
        var act = () =>
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(Convert.FromHexString(hex)));
            ChunkHeader.TryRead(ref reader, 65536, out _);
        };

        act.Should().Throw<OpcUaException>().Which.StatusCode.Should().Be(new StatusCode(status));
    }

    [Fact]
    public void Hello_Encode_MatchesPart6Layout()
    {
        var bytes = new HelloMessage(0, 65535, 65535, 16777216, 257, "opc.tcp://a").Encode();

        Convert.ToHexString(bytes).Should().Be("48454C46" + "2B000000" + "00000000" + "FFFF0000" + "FFFF0000" + "00000001" + "01010000" + "0B000000" + "6F70632E7463703A2F2F61");
    }

    [Fact]
    public void Acknowledge_BufferBelowMinimum_IsRejected()
    {
        var body = new AcknowledgeMessage(0, 1024, 65535, 0, 0).Encode()[8..];

        var act = () => AcknowledgeMessage.Decode(body);

        act.Should().Throw<OpcUaException>().Which.StatusCode.Should().Be(StatusCode.BadTcpInternalError);
    }

    [Fact]
    public void Error_Decode_CarriesStatusAndReason()
    {
        var body = new ErrorMessage(StatusCode.BadTcpEndpointUrlInvalid, "no such endpoint").Encode()[8..];

        var error = ErrorMessage.Decode(body);

        error.Should().Be(new ErrorMessage(StatusCode.BadTcpEndpointUrlInvalid, "no such endpoint"));
        error.ToException().StatusCode.Should().Be(StatusCode.BadTcpEndpointUrlInvalid);
    }

    [Theory]
    [InlineData("http://host:4840")]
    [InlineData("opc.tcp://")]
    [InlineData("not a url")]
    public void ParseEndpoint_NotOpcTcp_ThrowsBadTcpEndpointUrlInvalid(string url)
    {
        var act = () => UaTcpConnection.ParseEndpoint(url);

        act.Should().Throw<OpcUaException>().Which.StatusCode.Should().Be(StatusCode.BadTcpEndpointUrlInvalid);
    }

    [Fact]
    public void ParseEndpoint_NoPort_Defaults4840()
    {
        UaTcpConnection.ParseEndpoint("opc.tcp://plc1/UA/Server").Should().Be(("plc1", 4840));
        UaTcpConnection.ParseEndpoint("opc.tcp://127.0.0.1:48010").Should().Be(("127.0.0.1", 48010));
    }
}
