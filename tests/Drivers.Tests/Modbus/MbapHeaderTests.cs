using System.Buffers;
using Proxus.Drivers.Modbus;
using Proxus.Drivers.Modbus.Protocol;

namespace Proxus.Drivers.Tests.Modbus;

public sealed class MbapHeaderTests
{
    private static readonly byte[] Known = [0x12, 0x34, 0x00, 0x00, 0x00, 0x06, 0x11];

    [Fact]
    public void TryRead_KnownBytes_DecodesFields()
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(Known));
        MbapHeader.TryRead(ref reader, out var header).Should().BeTrue();
        header.Should().Be(new MbapHeader(0x1234, 0x11, 5));
        reader.Consumed.Should().Be(7);
    }

    [Fact]
    public void Write_Header_ProducesKnownBytes()
    {
        var bytes = new byte[7];
        new MbapHeader(0x1234, 0x11, 5).Write(bytes);
        bytes.Should().Equal(Known);
    }

    [Fact]
    public void TryRead_EveryTruncatedPrefix_ReturnsFalseAndConsumesNothing()
    {
        for (var length = 0; length < Known.Length; length++)
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(Known, 0, length));
            MbapHeader.TryRead(ref reader, out _).Should().BeFalse();
            reader.Consumed.Should().Be(0);
        }
    }

    [Theory]
    [InlineData(new byte[] { 0, 1, 0, 1, 0, 6, 1 }, ModbusErrorReason.MalformedFrame)]
    [InlineData(new byte[] { 0, 1, 0, 0, 0, 255, 1 }, ModbusErrorReason.FrameTooLarge)]
    [InlineData(new byte[] { 0, 1, 0, 0, 0xFF, 0xFF, 1 }, ModbusErrorReason.FrameTooLarge)]
    [InlineData(new byte[] { 0, 1, 0, 0, 0, 1, 1 }, ModbusErrorReason.InvalidLength)]
    [InlineData(new byte[] { 0, 1, 0, 0, 0, 0, 1 }, ModbusErrorReason.InvalidLength)]
    public void TryRead_MalformedHeader_ThrowsTypedError(byte[] bytes, ModbusErrorReason reason)
    {
        var act = () =>
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
            MbapHeader.TryRead(ref reader, out _);
        };
        act.Should().Throw<ModbusException>().Which.Reason.Should().Be(reason);
    }
}
