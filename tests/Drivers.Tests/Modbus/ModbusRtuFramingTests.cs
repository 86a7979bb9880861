using Proxus.Drivers.Modbus;
using Proxus.Drivers.Modbus.Protocol;

namespace Proxus.Drivers.Tests.Modbus;

public sealed class ModbusRtuFramingTests
{
    public static TheoryData<byte[]> Responses => new()
    {
        Frame(0x11, 0x01, 0x01, 0x05),
        Frame(0x11, 0x03, 0x04, 0x00, 0x01, 0x00, 0x02),
        Frame(0x11, 0x04, 0x02, 0x12, 0x34),
        Frame(0x11, 0x17, 0x02, 0x12, 0x34),
        Frame(0x11, 0x05, 0x00, 0xAC, 0xFF, 0x00),
        Frame(0x11, 0x10, 0x00, 0x01, 0x00, 0x02),
        Frame(0x11, 0x83, 0x02),
        Frame(0x11, 0x2B, 0x0E, 0x01, 0x01, 0x00, 0x00, 0x02, 0x00, 0x02, (byte)'A', (byte)'B', 0x01, 0x01, (byte)'C'),
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public void TryGetResponseLength_CompleteFrame_IsTheFrameLength(byte[] frame)
    {
        ModbusRtuFraming.TryGetResponseLength(frame, out var length).Should().BeTrue();
        length.Should().Be(frame.Length);
        ModbusCrc16.IsValid(frame).Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(Responses))]
    public void TryGetResponseLength_EveryTruncatedPrefix_NeverOverstatesTheFrame(byte[] frame)
    {
        for (var prefix = 0; prefix < frame.Length; prefix++)
        {
            if (ModbusRtuFraming.TryGetResponseLength(frame.AsSpan(0, prefix), out var length))
            {
                length.Should().Be(frame.Length);
            }
            else
            {
                prefix.Should().BeLessThan(frame.Length);
            }
        }

        ModbusRtuFraming.TryGetResponseLength(frame.AsSpan(0, 1), out _).Should().BeFalse();
    }

    [Fact]
    public void TryGetResponseLength_ByteCountBeyondFrameLimit_ThrowsFrameTooLarge()
    {
        var act = () => ModbusRtuFraming.TryGetResponseLength([0x01, 0x03, 0xFF], out _);
        act.Should().Throw<ModbusException>().Which.Reason.Should().Be(ModbusErrorReason.FrameTooLarge);
    }

    [Fact]
    public void TryGetResponseLength_DeviceIdObjectsBeyondFrameLimit_ThrowsFrameTooLarge()
    {
        var buffer = new byte[300];
        byte[] start = [0x01, 0x2B, 0x0E, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0xFF];
        start.CopyTo(buffer, 0);
        var act = () => ModbusRtuFraming.TryGetResponseLength(buffer, out _);
        act.Should().Throw<ModbusException>().Which.Reason.Should().Be(ModbusErrorReason.FrameTooLarge);
    }

    [Theory]
    [InlineData((byte)0x2B, (byte)0x0D, ModbusErrorReason.MalformedFrame)]
    [InlineData((byte)0x42, (byte)0x00, ModbusErrorReason.MalformedFrame)]
    public void TryGetResponseLength_UnknownLayout_ThrowsTypedError(byte functionCode, byte next, ModbusErrorReason reason)
    {
        var act = () => ModbusRtuFraming.TryGetResponseLength([0x01, functionCode, next], out _);
        act.Should().Throw<ModbusException>().Which.Reason.Should().Be(reason);
    }

    [Theory]
    [InlineData(new byte[] { 0x01, 0x03, 0x00, 0x00, 0x00, 0x01 }, 8)]
    [InlineData(new byte[] { 0x01, 0x10, 0x00, 0x00, 0x00, 0x01, 0x02, 0x00, 0x05 }, 11)]
    [InlineData(new byte[] { 0x01, 0x17, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x02, 0x00, 0x05 }, 15)]
    [InlineData(new byte[] { 0x01, 0x2B, 0x0E, 0x01, 0x00 }, 7)]
    [InlineData(new byte[] { 0x01, 0x41, 0x00 }, 0)]
    public void TryGetRequestLength_KnownRequests_AreDelimited(byte[] withoutCrc, int expected)
    {
        ModbusRtuFraming.TryGetRequestLength(withoutCrc, out var length).Should().BeTrue();
        length.Should().Be(expected);
        ModbusRtuFraming.TryGetRequestLength(withoutCrc.AsSpan(0, 1), out _).Should().BeFalse();
    }

    [Theory]
    [InlineData(9600, 4010)]
    [InlineData(19200, 2005)]
    [InlineData(38400, 1750)]
    [InlineData(115200, 1750)]
    public void InterFrameDelay_BaudRate_IsThreeAndAHalfCharacters(int baud, int expectedMicroseconds)
        => ModbusRtuFraming.InterFrameDelay(baud).TotalMicroseconds.Should().BeApproximately(expectedMicroseconds, 1);

    internal static byte[] Frame(params byte[] withoutCrc)
    {
        var frame = new byte[withoutCrc.Length + 2];
        withoutCrc.CopyTo(frame, 0);
        ModbusCrc16.Write(withoutCrc, frame.AsSpan(withoutCrc.Length));
        return frame;
    }
}
