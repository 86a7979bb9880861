using Proxus.Drivers.Modbus;
using Proxus.Drivers.Tests.Modbus.Support;

namespace Proxus.Drivers.Tests.Modbus;

/// <summary>A Modbus TCP device that lies yields a typed error and a fresh connection: no hang, no reuse.</summary>
public sealed class ModbusClientHostileTcpTests : ModbusClientHostileTests
{
    public static TheoryData<string, ModbusErrorReason> Lies => new()
    {
        { "wrong transaction id", ModbusErrorReason.TransactionIdMismatch },
        { "wrong unit id", ModbusErrorReason.UnitIdMismatch },
        { "wrong function code", ModbusErrorReason.FunctionCodeMismatch },
        { "length claims more than sent", ModbusErrorReason.Timeout },
        { "length beyond 254", ModbusErrorReason.FrameTooLarge },
        { "length below 2", ModbusErrorReason.InvalidLength },
        { "protocol id not 0", ModbusErrorReason.MalformedFrame },
        { "byte count lies", ModbusErrorReason.InvalidLength },
        { "reply shorter than byte count", ModbusErrorReason.InvalidLength },
        { "truncated then closed", ModbusErrorReason.ConnectionClosed },
        { "stops mid-frame", ModbusErrorReason.Timeout },
        { "no reply", ModbusErrorReason.Timeout },
        { "closes without reply", ModbusErrorReason.ConnectionClosed },
        { "garbage flood", ModbusErrorReason.MalformedFrame },
    };

    [Theory]
    [MemberData(nameof(Lies))]
    public Task ReadHoldingRegisters_DeviceLies_ThrowsTypedErrorAndRecyclesConnection(string lie, ModbusErrorReason expected)
        => LieThenReadAgainAsync(lie, expected);

    [Fact]
    public async Task ReadHoldingRegisters_ExceptionResponse_ThrowsDeviceExceptionAndKeepsConnection()
    {
        Device.Behaviour = request => FakeReply.Send(FakeModbusDevice.Mbap(request.TransactionId, request.UnitId, [0x83, 0x04]));

        var error = (await Client.Invoking(c => c.ReadHoldingRegistersAsync(5, 1)).Should().ThrowAsync<ModbusException>()).Which;

        error.Reason.Should().Be(ModbusErrorReason.DeviceException);
        error.ExceptionCode.Should().Be(ModbusExceptionCode.ServerDeviceFailure);
        Device.Behaviour = null;
        (await Client.ReadHoldingRegistersAsync(5, 1)).Should().Equal(0x1234);
        Device.ConnectionCount.Should().Be(1);
    }

    protected override FakeModbusDevice StartDevice() => FakeModbusDevice.StartTcp();

    protected override ModbusClientOptions Transport(ModbusClientOptions options) => options;

    protected override FakeReply Lie(string lie, FakeRequest request)
    {
        var tid = request.TransactionId;
        var unit = request.UnitId;
        byte[] good = [0x03, 0x02, 0x12, 0x34];
        return lie switch
        {
            "wrong transaction id" => FakeReply.Send(FakeModbusDevice.Mbap((ushort)(tid + 7), unit, good)),
            "wrong unit id" => FakeReply.Send(FakeModbusDevice.Mbap(tid, (byte)(unit + 1), good)),
            "wrong function code" => FakeReply.Send(FakeModbusDevice.Mbap(tid, unit, [0x04, 0x02, 0x12, 0x34])),
            "length claims more than sent" => FakeReply.Send(FakeModbusDevice.Mbap(tid, unit, good, lengthField: 50)),
            "length beyond 254" => FakeReply.Send(FakeModbusDevice.Mbap(tid, unit, good, lengthField: 0xFFFF)),
            "length below 2" => FakeReply.Send(FakeModbusDevice.Mbap(tid, unit, good, lengthField: 1)),
            "protocol id not 0" => FakeReply.Send([.. FakeModbusDevice.Mbap(tid, unit, good)[..2], 0x00, 0x01, .. FakeModbusDevice.Mbap(tid, unit, good)[4..]]),
            "byte count lies" => FakeReply.Send(FakeModbusDevice.Mbap(tid, unit, [0x03, 0x04, 0x12, 0x34])),
            "reply shorter than byte count" => FakeReply.Send(FakeModbusDevice.Mbap(tid, unit, [0x03, 0x02, 0x12])),
            "truncated then closed" => FakeReply.Send(FakeModbusDevice.Mbap(tid, unit, good)[..9], closeAfter: true),
            "stops mid-frame" => FakeReply.Send(FakeModbusDevice.Mbap(tid, unit, good)[..9]),
            "no reply" => FakeReply.Silence,
            "closes without reply" => FakeReply.Close,
            "garbage flood" => FakeReply.Send(Enumerable.Repeat((byte)0xA5, 100_000).ToArray()),
            _ => throw new ArgumentOutOfRangeException(nameof(lie), lie, null),
        };
    }
}
