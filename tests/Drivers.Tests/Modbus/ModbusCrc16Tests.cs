using System.Text;
using Proxus.Drivers.Modbus.Protocol;

namespace Proxus.Drivers.Tests.Modbus;

public sealed class ModbusCrc16Tests
{
    [Fact]
    public void Compute_CheckString_IsTheCatalogueValue()
        => ModbusCrc16.Compute(Encoding.ASCII.GetBytes("123456789")).Should().Be(0x4B37);

    [Fact]
    public void Write_ReadHoldingRegistersFrame_AppendsLowByteFirst()
    {
        byte[] frame = [0x01, 0x03, 0x00, 0x00, 0x00, 0x0A, 0, 0];
        ModbusCrc16.Write(frame.AsSpan(0, 6), frame.AsSpan(6));
        frame[6..].Should().Equal(0xC5, 0xCD);
        ModbusCrc16.IsValid(frame).Should().BeTrue();
    }

    [Fact]
    public void IsValid_OneBitFlipped_IsFalse()
    {
        byte[] frame = [0x01, 0x03, 0x00, 0x00, 0x00, 0x01, 0x84, 0x0A];
        ModbusCrc16.IsValid(frame).Should().BeTrue();
        frame[3] ^= 0x10;
        ModbusCrc16.IsValid(frame).Should().BeFalse();
    }

    [Fact]
    public void IsValid_TooShort_IsFalse() => ModbusCrc16.IsValid([0xFF, 0xFF]).Should().BeFalse();
}
