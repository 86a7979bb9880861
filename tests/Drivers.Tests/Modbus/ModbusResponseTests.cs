using Proxus.Drivers.Modbus;
using Proxus.Drivers.Modbus.Protocol;

namespace Proxus.Drivers.Tests.Modbus;

public sealed class ModbusResponseTests
{
    [Fact]
    public void Validate_ReadHoldingRegistersReply_ReturnsRegisterBytes()
    {
        var data = ModbusResponse.Validate(ModbusRequest.ReadHoldingRegisters(107, 3), [0x03, 0x06, 0x02, 0x2B, 0x00, 0x00, 0x00, 0x64]);
        ModbusResponse.ReadRegisters(data).Should().Equal(0x022B, 0x0000, 0x0064);
    }

    [Fact]
    public void Validate_ReadCoilsReply_ReturnsPackedBits()
    {
        var data = ModbusResponse.Validate(ModbusRequest.ReadCoils(19, 19), [0x01, 0x03, 0xCD, 0x6B, 0x05]);
        ModbusBits.Unpack(data, 19).Should().Equal(
            true, false, true, true, false, false, true, true,
            true, true, false, true, false, true, true, false,
            true, false, true);
    }

    [Theory]
    [InlineData((byte)0x01, ModbusExceptionCode.IllegalFunction)]
    [InlineData((byte)0x02, ModbusExceptionCode.IllegalDataAddress)]
    [InlineData((byte)0x03, ModbusExceptionCode.IllegalDataValue)]
    [InlineData((byte)0x04, ModbusExceptionCode.ServerDeviceFailure)]
    [InlineData((byte)0x06, ModbusExceptionCode.ServerDeviceBusy)]
    [InlineData((byte)0x0B, ModbusExceptionCode.GatewayTargetDeviceFailedToRespond)]
    public void Validate_ExceptionResponse_ThrowsDeviceExceptionWithCode(byte code, ModbusExceptionCode expected)
    {
        Action act = () => Check(ModbusRequest.ReadHoldingRegisters(0, 1), [0x83, code]);
        var error = act.Should().Throw<ModbusException>().Which;
        error.Reason.Should().Be(ModbusErrorReason.DeviceException);
        error.ExceptionCode.Should().Be(expected);
        error.BreaksConnection.Should().BeFalse();
    }

    public static TheoryData<byte[], ModbusErrorReason> Malformed => new()
    {
        { [], ModbusErrorReason.InvalidLength },
        { [0x04, 0x02, 0x00, 0x01], ModbusErrorReason.FunctionCodeMismatch },
        { [0x83, 0x02, 0x00], ModbusErrorReason.InvalidLength },
        { [0x03, 0x04, 0x00, 0x01, 0x00, 0x02], ModbusErrorReason.InvalidLength },
        { [0x03, 0x02, 0x00], ModbusErrorReason.InvalidLength },
        { [0x03, 0x02, 0x00, 0x01, 0x00], ModbusErrorReason.InvalidLength },
        { [0x03], ModbusErrorReason.InvalidLength },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Validate_MalformedReadReply_ThrowsTypedError(byte[] pdu, ModbusErrorReason reason)
    {
        Action act = () => Check(ModbusRequest.ReadHoldingRegisters(0, 1), pdu);
        var error = act.Should().Throw<ModbusException>().Which;
        error.Reason.Should().Be(reason);
        error.BreaksConnection.Should().BeTrue();
    }

    [Fact]
    public void Validate_WriteSingleRegisterWithWrongEcho_ThrowsMalformed()
    {
        Action act = () => Check(ModbusRequest.WriteSingleRegister(1, 3), [0x06, 0x00, 0x01, 0x00, 0x04]);
        act.Should().Throw<ModbusException>().Which.Reason.Should().Be(ModbusErrorReason.MalformedFrame);
    }

    [Fact]
    public void Validate_WriteMultipleRegistersWithWrongQuantity_ThrowsMalformed()
    {
        Action act = () => Check(ModbusRequest.WriteMultipleRegisters(1, [1, 2]), [0x10, 0x00, 0x01, 0x00, 0x03]);
        act.Should().Throw<ModbusException>().Which.Reason.Should().Be(ModbusErrorReason.MalformedFrame);
    }

    [Fact]
    public void Validate_WriteMultipleCoilsEcho_IsAccepted()
        => ModbusResponse.Validate(ModbusRequest.WriteMultipleCoils(19, new bool[10]), [0x0F, 0x00, 0x13, 0x00, 0x0A]).IsEmpty.Should().BeTrue();

    private static void Check(ModbusRequest request, byte[] pdu) => ModbusResponse.Validate(request, pdu);
}
