using Proxus.Drivers.Modbus;
using Proxus.Drivers.Tests.Modbus.Support;

namespace Proxus.Drivers.Tests.Modbus;

/// <summary>An RTU device (over TCP) that lies yields a typed error and a fresh connection.</summary>
public sealed class ModbusClientHostileRtuTests : ModbusClientHostileTests
{
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
    public Task ReadHoldingRegisters_DeviceLies_ThrowsTypedErrorAndRecyclesConnection(string lie, ModbusErrorReason expected)
        => LieThenReadAgainAsync(lie, expected);

    [Fact]
    public async Task Read_UnaskedBytesBetweenFrames_ThrowsMalformedAndRecycles()
    {
        Device.Behaviour = request => new FakeReply(Device.CorrectReply(request), false, [0x55, 0xAA]);
        (await Client.ReadHoldingRegistersAsync(5, 1).WaitAsync(TimeSpan.FromSeconds(10))).Should().Equal(0x1234);
        Device.Behaviour = null;
        await Task.Delay(300);

        var error = (await Client.Invoking(c => c.ReadHoldingRegistersAsync(5, 1).WaitAsync(TimeSpan.FromSeconds(10))).Should().ThrowAsync<ModbusException>()).Which;

        error.Reason.Should().Be(ModbusErrorReason.MalformedFrame);
        (await Client.ReadHoldingRegistersAsync(5, 1).WaitAsync(TimeSpan.FromSeconds(10))).Should().Equal(0x1234);
        Device.ConnectionCount.Should().Be(2);
    }

    [Fact]
    public async Task WriteAndRead_RtuOverTcp_RoundTrips()
    {
        await Client.WriteMultipleRegistersAsync(10, new ushort[] { 1, 2, 3 });
        await Client.WriteSingleRegisterAsync(13, 4);
        (await Client.ReadHoldingRegistersAsync(10, 4)).Should().Equal(1, 2, 3, 4);
        Device.ConnectionCount.Should().Be(1);
    }

    protected override FakeModbusDevice StartDevice() => FakeModbusDevice.StartRtu();

    protected override ModbusClientOptions Transport(ModbusClientOptions options)
        => options with { Transport = ModbusTransportKind.RtuOverTcp, InterFrameDelay = TimeSpan.FromMilliseconds(20) };

    protected override FakeReply Lie(string lie, FakeRequest request)
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
