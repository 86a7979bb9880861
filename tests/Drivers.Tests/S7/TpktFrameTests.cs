using System.Buffers;
using Proxus.Drivers.S7;
using Proxus.Drivers.S7.Protocol;

namespace Proxus.Drivers.Tests.S7;

public sealed class TpktFrameTests
{
    /// <summary>A COTP DT TPDU carrying a two-byte payload.</summary>
    private static readonly byte[] Frame = [0x03, 0x00, 0x00, 0x09, 0x02, 0xF0, 0x80, 0xAA, 0xBB];

    [Fact]
    public void TryRead_CompleteFrame_ReturnsTpduAndConsumesFrame()
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>([.. Frame, 0x03]));

        TpktFrame.TryRead(ref reader, 100, out var tpdu).Should().BeTrue();

        tpdu.ToArray().Should().Equal(0x02, 0xF0, 0x80, 0xAA, 0xBB);
        reader.Consumed.Should().Be(Frame.Length);
    }

    [Fact]
    public void TryRead_EveryTruncatedPrefix_ReturnsFalseAndConsumesNothing()
    {
        for (var length = 0; length < Frame.Length; length++)
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(Frame, 0, length));

            TpktFrame.TryRead(ref reader, 100, out _).Should().BeFalse($"{length} bytes are not a frame");
            reader.Consumed.Should().Be(0);
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x02, 0x00, 0x00, 0x09 }, S7ErrorReason.MalformedFrame)]
    [InlineData(new byte[] { 0x03, 0x00, 0x00, 0x06 }, S7ErrorReason.MalformedFrame)]
    [InlineData(new byte[] { 0x03, 0x00, 0x00, 0x00 }, S7ErrorReason.MalformedFrame)]
    [InlineData(new byte[] { 0x03, 0x00, 0x00, 0x65 }, S7ErrorReason.FrameTooLarge)]
    [InlineData(new byte[] { 0x03, 0x00, 0xFF, 0xFF }, S7ErrorReason.FrameTooLarge)]
    public void TryRead_BadHeader_ThrowsBeforeWaitingForThePayload(byte[] header, S7ErrorReason expected)
    {
        var act = () =>
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(header));
            TpktFrame.TryRead(ref reader, 100, out _);
        };

        act.Should().Throw<S7Exception>().Which.Reason.Should().Be(expected);
    }

    [Fact]
    public void WriteHeader_Length_WritesVersionAndBigEndianLength()
    {
        var header = new byte[4];

        TpktFrame.WriteHeader(header, 0x0116);

        header.Should().Equal(0x03, 0x00, 0x01, 0x16);
    }
}
