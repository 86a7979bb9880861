using Proxus.Drivers.Modbus;
using Proxus.Drivers.Modbus.Data;

namespace Proxus.Drivers.Tests.Modbus;

public sealed class ModbusAddressTests
{
    [Theory]
    [InlineData("40001", ModbusArea.HoldingRegister, 0, null)]
    [InlineData("49999", ModbusArea.HoldingRegister, 9998, null)]
    [InlineData("400001", ModbusArea.HoldingRegister, 0, null)]
    [InlineData("465536", ModbusArea.HoldingRegister, 65535, null)]
    [InlineData("30005", ModbusArea.InputRegister, 4, null)]
    [InlineData("300005", ModbusArea.InputRegister, 4, null)]
    [InlineData("00013", ModbusArea.Coil, 12, null)]
    [InlineData("000013", ModbusArea.Coil, 12, null)]
    [InlineData("10004", ModbusArea.DiscreteInput, 3, null)]
    [InlineData("40101.15", ModbusArea.HoldingRegister, 100, 15)]
    [InlineData("HR100", ModbusArea.HoldingRegister, 100, null)]
    [InlineData("hr0", ModbusArea.HoldingRegister, 0, null)]
    [InlineData("HR65535", ModbusArea.HoldingRegister, 65535, null)]
    [InlineData("IR5", ModbusArea.InputRegister, 5, null)]
    [InlineData("CO12", ModbusArea.Coil, 12, null)]
    [InlineData("DI3", ModbusArea.DiscreteInput, 3, null)]
    [InlineData("HR100.3", ModbusArea.HoldingRegister, 100, 3)]
    [InlineData(" IR7.0 ", ModbusArea.InputRegister, 7, 0)]
    public void Parse_ValidAddress_YieldsZeroBasedProtocolAddress(string text, ModbusArea area, int offset, int? bit)
    {
        var address = ModbusAddress.Parse(text);
        address.Area.Should().Be(area);
        address.Offset.Should().Be((ushort)offset);
        address.Bit.Should().Be(bit);
    }

    [Theory]
    [InlineData("")]
    [InlineData("40000")]
    [InlineData("400000")]
    [InlineData("465537")]
    [InlineData("20001")]
    [InlineData("4001")]
    [InlineData("4000001")]
    [InlineData("HR65536")]
    [InlineData("HR")]
    [InlineData("XX5")]
    [InlineData("HR-1")]
    [InlineData("HR1.16")]
    [InlineData("HR1.")]
    [InlineData("CO1.2")]
    [InlineData("00001.1")]
    [InlineData("HR1x")]
    [InlineData("４0001")]
    public void Parse_InvalidAddress_ThrowsInvalidAddress(string text)
    {
        ModbusAddress.TryParse(text, out _).Should().BeFalse();
        var act = () => ModbusAddress.Parse(text);
        act.Should().Throw<ModbusException>().Which.Reason.Should().Be(ModbusErrorReason.InvalidAddress);
    }

    [Theory]
    [InlineData("40001", "HR0")]
    [InlineData("HR100.3", "HR100.3")]
    [InlineData("00001", "CO0")]
    [InlineData("10002", "DI1")]
    [InlineData("30010", "IR9")]
    public void ToString_Address_IsTheTypedForm(string text, string expected)
        => ModbusAddress.Parse(text).ToString().Should().Be(expected);

    [Fact]
    public void Tag_WrongTypeForTable_ThrowsInvalidAddress()
    {
        Action[] invalid =
        [
            () => ModbusTag.Create("CO1", ModbusDataType.Int16),
            () => ModbusTag.Create("HR1.2", ModbusDataType.Float32),
            () => ModbusTag.Create("HR1", ModbusDataType.Bool),
            () => ModbusTag.Create("HR65535", ModbusDataType.Int32),
        ];
        foreach (var act in invalid)
        {
            act.Should().Throw<ModbusException>().Which.Reason.Should().Be(ModbusErrorReason.InvalidAddress);
        }

        var noLength = () => ModbusTag.Create("HR1", ModbusDataType.String);
        noLength.Should().Throw<ModbusException>().Which.Reason.Should().Be(ModbusErrorReason.InvalidValue);
    }
}
