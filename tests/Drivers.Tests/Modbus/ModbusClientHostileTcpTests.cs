using Proxus.Drivers.Modbus;
using Proxus.Drivers.Tests.Modbus.Support;

namespace Proxus.Drivers.Tests.Modbus;

/// <summary>A Modbus TCP device that lies yields a typed error and a fresh connection: no hang, no reuse.</summary>
public sealed class ModbusClientHostileTcpTests : IAsyncLifetime
{
    private FakeModbusDevice _device = null!;
    private ModbusClient _client = null!;

    public Task InitializeAsync()
    {
        _device = FakeModbusDevice.StartTcp();
        _device.HoldingRegisters[5] = 0x1234;
        _client = new ModbusClient(new ModbusClientOptions
        {
            Port = _device.Port,
            Retries = 0,
            // Long enough for a loaded CI machine to answer the requests that should succeed.
            RequestTimeout = TimeSpan.FromSeconds(2),
            ReconnectDelay = TimeSpan.Zero,
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _device.DisposeAsync();
    }

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
    public async Task ReadHoldingRegisters_DeviceLies_ThrowsTypedErrorAndRecyclesConnection(string lie, ModbusErrorReason expected)
    {
        _device.Behaviour = request => Lie(lie, request);

        var act = () => _client.ReadHoldingRegistersAsync(5, 1).WaitAsync(TimeSpan.FromSeconds(10));

        (await act.Should().ThrowAsync<ModbusException>()).Which.Reason.Should().Be(expected);
        _device.Behaviour = null;
        (await _client.ReadHoldingRegistersAsync(5, 1).WaitAsync(TimeSpan.FromSeconds(10))).Should().Equal(0x1234);
        _device.ConnectionCount.Should().Be(2);
    }

    [Fact]
    public async Task ReadHoldingRegisters_ExceptionResponse_ThrowsDeviceExceptionAndKeepsConnection()
    {
        _device.Behaviour = request => FakeReply.Send(FakeModbusDevice.Mbap(request.TransactionId, request.UnitId, [0x83, 0x04]));

        var error = (await _client.Invoking(c => c.ReadHoldingRegistersAsync(5, 1)).Should().ThrowAsync<ModbusException>()).Which;

        error.Reason.Should().Be(ModbusErrorReason.DeviceException);
        error.ExceptionCode.Should().Be(ModbusExceptionCode.ServerDeviceFailure);
        _device.Behaviour = null;
        (await _client.ReadHoldingRegistersAsync(5, 1)).Should().Equal(0x1234);
        _device.ConnectionCount.Should().Be(1);
    }

    private static FakeReply Lie(string lie, FakeRequest request)
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
