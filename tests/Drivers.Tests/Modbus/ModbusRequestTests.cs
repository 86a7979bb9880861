using Proxus.Drivers.Modbus;
using Proxus.Drivers.Modbus.Protocol;

namespace Proxus.Drivers.Tests.Modbus;

/// <summary>Request PDUs against the examples of MODBUS Application Protocol v1.1b3 §6.</summary>
public sealed class ModbusRequestTests
{
    [Fact]
    public void ReadCoils_SpecExample_EncodesPdu()
        => ModbusRequest.ReadCoils(19, 19).Pdu.ToArray().Should().Equal(0x01, 0x00, 0x13, 0x00, 0x13);

    [Fact]
    public void ReadDiscreteInputs_SpecExample_EncodesPdu()
        => ModbusRequest.ReadDiscreteInputs(196, 22).Pdu.ToArray().Should().Equal(0x02, 0x00, 0xC4, 0x00, 0x16);

    [Fact]
    public void ReadHoldingRegisters_SpecExample_EncodesPdu()
        => ModbusRequest.ReadHoldingRegisters(107, 3).Pdu.ToArray().Should().Equal(0x03, 0x00, 0x6B, 0x00, 0x03);

    [Fact]
    public void ReadInputRegisters_SpecExample_EncodesPdu()
        => ModbusRequest.ReadInputRegisters(8, 1).Pdu.ToArray().Should().Equal(0x04, 0x00, 0x08, 0x00, 0x01);

    [Fact]
    public void WriteSingleCoil_SpecExample_EncodesPdu()
        => ModbusRequest.WriteSingleCoil(172, true).Pdu.ToArray().Should().Equal(0x05, 0x00, 0xAC, 0xFF, 0x00);

    [Fact]
    public void WriteSingleRegister_SpecExample_EncodesPdu()
        => ModbusRequest.WriteSingleRegister(1, 3).Pdu.ToArray().Should().Equal(0x06, 0x00, 0x01, 0x00, 0x03);

    [Fact]
    public void WriteMultipleCoils_SpecExample_EncodesPdu()
    {
        bool[] bits = [true, false, true, true, false, false, true, true, true, false];
        ModbusRequest.WriteMultipleCoils(19, bits).Pdu.ToArray().Should().Equal(0x0F, 0x00, 0x13, 0x00, 0x0A, 0x02, 0xCD, 0x01);
    }

    [Fact]
    public void WriteMultipleRegisters_SpecExample_EncodesPdu()
        => ModbusRequest.WriteMultipleRegisters(1, [0x000A, 0x0102]).Pdu.ToArray().Should().Equal(0x10, 0x00, 0x01, 0x00, 0x02, 0x04, 0x00, 0x0A, 0x01, 0x02);

    [Fact]
    public void ReadWriteMultipleRegisters_SpecExample_EncodesPdu()
        => ModbusRequest.ReadWriteMultipleRegisters(3, 6, 14, [0x00FF, 0x00FF, 0x00FF]).Pdu.ToArray()
            .Should().Equal(0x17, 0x00, 0x03, 0x00, 0x06, 0x00, 0x0E, 0x00, 0x03, 0x06, 0x00, 0xFF, 0x00, 0xFF, 0x00, 0xFF);

    [Fact]
    public void ReadDeviceIdentification_Basic_EncodesPdu()
        => ModbusRequest.ReadDeviceIdentification(ModbusDeviceIdCategory.Basic, 0).Pdu.ToArray().Should().Equal(0x2B, 0x0E, 0x01, 0x00);

    [Theory]
    [InlineData(0, ModbusErrorReason.InvalidValue)]
    [InlineData(126, ModbusErrorReason.InvalidValue)]
    public void ReadHoldingRegisters_QuantityOutsideLimits_Throws(int count, ModbusErrorReason reason)
    {
        var act = () => ModbusRequest.ReadHoldingRegisters(0, count);
        act.Should().Throw<ModbusException>().Which.Reason.Should().Be(reason);
    }

    [Fact]
    public void ReadCoils_PastEndOfTable_ThrowsInvalidAddress()
    {
        var act = () => ModbusRequest.ReadCoils(65535, 2);
        act.Should().Throw<ModbusException>().Which.Reason.Should().Be(ModbusErrorReason.InvalidAddress);
    }

    [Fact]
    public void Limits_AtTheMaximum_AreAccepted()
    {
        ModbusRequest.ReadCoils(0, 2000).Quantity.Should().Be(2000);
        ModbusRequest.WriteMultipleRegisters(0, new ushort[123]).Pdu.Length.Should().Be(ModbusLimits.MaxPduLength - 1);
        ModbusRequest.WriteMultipleCoils(0, new bool[1968]).Pdu.Length.Should().Be(6 + 246);
        var tooMany = () => ModbusRequest.WriteMultipleRegisters(0, new ushort[124]);
        tooMany.Should().Throw<ModbusException>();
    }
}
