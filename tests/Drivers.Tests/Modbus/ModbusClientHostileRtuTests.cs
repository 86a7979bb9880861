using Proxus.Drivers.Modbus;
using Proxus.Drivers.Tests.Modbus.Support;

namespace Proxus.Drivers.Tests.Modbus;

/// <summary>An RTU device (over TCP) that lies yields a typed error and a fresh connection.</summary>
public sealed class ModbusClientHostileRtuTests : IAsyncLifetime
{
    private FakeModbusDevice _device = null!;
    private ModbusClient _client = null!;

    public Task InitializeAsync()
    {
        _device = FakeModbusDevice.StartRtu();
        _device.HoldingRegisters[5] = 0x1234;
        _client = new ModbusClient(new ModbusClientOptions
        {
            Transport = ModbusTransportKind.RtuOverTcp,
            Port = _device.Port,
            Retries = 0,
            // Long enough for a loaded CI machine to answer the requests that should succeed.
            RequestTimeout = TimeSpan.FromSeconds(2),
            ReconnectDelay = TimeSpan.Zero,
            InterFrameDelay = TimeSpan.FromMilliseconds(20),
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
        { "crc error", ModbusErrorReason.CrcMismatch },
        { "wrong unit id", ModbusErrorReason.UnitIdMismatch },
        { "wrong function code", ModbusErrorReason.FunctionCodeMismatch },
        { "byte count beyond frame limit", ModbusErrorReason.FrameTooLarge },
        { "byte count lies", ModbusErrorReason.InvalidLength },
        { "trailing bytes", ModbusErrorReason.FrameTooLarge },
        { "stops mid-frame", ModbusErrorReason.Timeout },
        { "truncated then closed", ModbusErrorReason.ConnectionClosed },
        { "no reply", ModbusErrorReason.Timeout },
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
    public async Task Read_UnaskedBytesBetweenFrames_ThrowsMalformedAndRecycles()
    {
        _device.Behaviour = request => new FakeReply(_device.CorrectReply(request), false, [0x55, 0xAA]);
        (await _client.ReadHoldingRegistersAsync(5, 1).WaitAsync(TimeSpan.FromSeconds(10))).Should().Equal(0x1234);
        _device.Behaviour = null;
        await Task.Delay(300);

        var error = (await _client.Invoking(c => c.ReadHoldingRegistersAsync(5, 1).WaitAsync(TimeSpan.FromSeconds(10))).Should().ThrowAsync<ModbusException>()).Which;

        error.Reason.Should().Be(ModbusErrorReason.MalformedFrame);
        (await _client.ReadHoldingRegistersAsync(5, 1).WaitAsync(TimeSpan.FromSeconds(10))).Should().Equal(0x1234);
        _device.ConnectionCount.Should().Be(2);
    }

    [Fact]
    public async Task WriteAndRead_RtuOverTcp_RoundTrips()
    {
        await _client.WriteMultipleRegistersAsync(10, new ushort[] { 1, 2, 3 });
        await _client.WriteSingleRegisterAsync(13, 4);
        (await _client.ReadHoldingRegistersAsync(10, 4)).Should().Equal(1, 2, 3, 4);
        _device.ConnectionCount.Should().Be(1);
    }

    private static FakeReply Lie(string lie, FakeRequest request)
    {
        var unit = request.UnitId;
        var good = FakeModbusDevice.Rtu(unit, [0x03, 0x02, 0x12, 0x34]);
        return lie switch
        {
            "crc error" => FakeReply.Send([.. good[..^1], (byte)(good[^1] ^ 0xFF)]),
            "wrong unit id" => FakeReply.Send(FakeModbusDevice.Rtu((byte)(unit + 1), [0x03, 0x02, 0x12, 0x34])),
            "wrong function code" => FakeReply.Send(FakeModbusDevice.Rtu(unit, [0x04, 0x02, 0x12, 0x34])),
            "byte count beyond frame limit" => FakeReply.Send([unit, 0x03, 0xFF, .. new byte[300]]),
            "byte count lies" => FakeReply.Send(FakeModbusDevice.Rtu(unit, [0x03, 0x04, 0x12, 0x34, 0x00, 0x00])),
            "trailing bytes" => FakeReply.Send([.. good, 0x00, 0x00, 0x00]),
            "stops mid-frame" => FakeReply.Send(good[..4]),
            "truncated then closed" => FakeReply.Send(good[..4], closeAfter: true),
            "no reply" => FakeReply.Silence,
            _ => throw new ArgumentOutOfRangeException(nameof(lie), lie, null),
        };
    }
}
