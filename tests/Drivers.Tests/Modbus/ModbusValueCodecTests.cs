using Proxus.Drivers.Modbus;
using Proxus.Drivers.Modbus.Data;

namespace Proxus.Drivers.Tests.Modbus;

public sealed class ModbusValueCodecTests
{
    public static TheoryData<ModbusDataType, ModbusByteOrder, object, ushort[]> Vectors => new()
    {
        { ModbusDataType.Int16, ModbusByteOrder.ABCD, (short)-2, [0xFFFE] },
        { ModbusDataType.Int16, ModbusByteOrder.BADC, (short)0x1234, [0x3412] },
        { ModbusDataType.UInt16, ModbusByteOrder.CDAB, (ushort)0xABCD, [0xABCD] },
        { ModbusDataType.UInt16, ModbusByteOrder.DCBA, (ushort)0xABCD, [0xCDAB] },
        { ModbusDataType.Float32, ModbusByteOrder.ABCD, 123.456f, [0x42F6, 0xE979] },
        { ModbusDataType.Float32, ModbusByteOrder.CDAB, 123.456f, [0xE979, 0x42F6] },
        { ModbusDataType.Float32, ModbusByteOrder.BADC, 123.456f, [0xF642, 0x79E9] },
        { ModbusDataType.Float32, ModbusByteOrder.DCBA, 123.456f, [0x79E9, 0xF642] },
        { ModbusDataType.Int32, ModbusByteOrder.ABCD, 0x01020304, [0x0102, 0x0304] },
        { ModbusDataType.Int32, ModbusByteOrder.CDAB, 0x01020304, [0x0304, 0x0102] },
        { ModbusDataType.UInt32, ModbusByteOrder.BADC, 0x01020304u, [0x0201, 0x0403] },
        { ModbusDataType.UInt32, ModbusByteOrder.DCBA, 0x01020304u, [0x0403, 0x0201] },
        { ModbusDataType.Int64, ModbusByteOrder.ABCD, -1234567890123L, [0xFFFF, 0xFEE0, 0x8E04, 0xFB35] },
        { ModbusDataType.Int64, ModbusByteOrder.CDAB, -1234567890123L, [0xFB35, 0x8E04, 0xFEE0, 0xFFFF] },
        { ModbusDataType.UInt64, ModbusByteOrder.BADC, 0x0102030405060708UL, [0x0201, 0x0403, 0x0605, 0x0807] },
        { ModbusDataType.UInt64, ModbusByteOrder.DCBA, 0x0102030405060708UL, [0x0807, 0x0605, 0x0403, 0x0201] },
        { ModbusDataType.Float64, ModbusByteOrder.ABCD, -1234.5678, [0xC093, 0x4A45, 0x6D5C, 0xFAAD] },
        { ModbusDataType.Float64, ModbusByteOrder.DCBA, -1234.5678, [0xADFA, 0x5C6D, 0x454A, 0x93C0] },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Decode_KnownRegisters_YieldsValue(ModbusDataType type, ModbusByteOrder order, object value, ushort[] registers)
        => ModbusValueCodec.Decode(Tag(type, order), registers).Should().Be(value);

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Encode_Value_YieldsKnownRegisters(ModbusDataType type, ModbusByteOrder order, object value, ushort[] registers)
        => ModbusValueCodec.Encode(Tag(type, order), value).Should().Equal(registers);

    [Theory]
    [InlineData(ModbusByteOrder.ABCD, new ushort[] { 0x4142, 0x4300 })]
    [InlineData(ModbusByteOrder.CDAB, new ushort[] { 0x4142, 0x4300 })]
    [InlineData(ModbusByteOrder.BADC, new ushort[] { 0x4241, 0x0043 })]
    [InlineData(ModbusByteOrder.DCBA, new ushort[] { 0x4241, 0x0043 })]
    public void String_ByteOrder_SwapsBytesInsideRegistersOnly(ModbusByteOrder order, ushort[] registers)
    {
        var tag = ModbusTag.Create("HR0", ModbusDataType.String, order, stringLength: 2);
        ModbusValueCodec.Encode(tag, "ABC").Should().Equal(registers);
        ModbusValueCodec.Decode(tag, registers).Should().Be("ABC");
    }

    [Fact]
    public void Decode_RegisterBit_ReadsThatBit()
    {
        var tag = ModbusTag.Create("HR0.3", ModbusDataType.Bool);
        ModbusValueCodec.Decode(tag, [0b1000]).Should().Be(true);
        ModbusValueCodec.Decode(tag, [0b0111]).Should().Be(false);
    }

    [Fact]
    public void Encode_NumberFromOtherType_IsConverted()
    {
        ModbusValueCodec.Encode(Tag(ModbusDataType.Int32, ModbusByteOrder.ABCD), 42L).Should().Equal(0, 42);
        ModbusValueCodec.Encode(Tag(ModbusDataType.UInt16, ModbusByteOrder.ABCD), "65535").Should().Equal(0xFFFF);
    }

    [Theory]
    [InlineData(ModbusDataType.Int16, 40000)]
    [InlineData(ModbusDataType.UInt16, -1)]
    [InlineData(ModbusDataType.UInt32, -5)]
    [InlineData(ModbusDataType.Int32, "abc")]
    [InlineData(ModbusDataType.String, "too long text")]
    [InlineData(ModbusDataType.String, "cafés")]
    public void Encode_ValueOutsideType_ThrowsInvalidValue(ModbusDataType type, object value)
    {
        var tag = type == ModbusDataType.String ? ModbusTag.Create("HR0", type, stringLength: 2) : Tag(type, ModbusByteOrder.ABCD);
        var act = () => ModbusValueCodec.Encode(tag, value);
        act.Should().Throw<ModbusException>().Which.Reason.Should().Be(ModbusErrorReason.InvalidValue);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData("false", false)]
    public void ToBoolean_AcceptedForms_Convert(object value, bool expected)
        => ModbusValueCodec.ToBoolean(ModbusTag.Create("CO0", ModbusDataType.Bool), value).Should().Be(expected);

    [Fact]
    public void ToBoolean_Two_ThrowsInvalidValue()
    {
        var act = () => ModbusValueCodec.ToBoolean(ModbusTag.Create("CO0", ModbusDataType.Bool), 2);
        act.Should().Throw<ModbusException>().Which.Reason.Should().Be(ModbusErrorReason.InvalidValue);
    }

    private static ModbusTag Tag(ModbusDataType type, ModbusByteOrder order) => ModbusTag.Create("HR10", type, order);
}
