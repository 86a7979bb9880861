using Proxus.Drivers.Modbus.Data;
using Proxus.Simulators.Modbus;

namespace Proxus.Interop.Tests.Modbus;

public sealed class ModbusSignalGeneratorTests
{
    [Fact]
    public void Update_EveryKind_FollowsItsShapeWithinBounds()
    {
        var store = new ModbusDataStore();
        ModbusSignal[] signals =
        [
            new("HR0", ModbusDataType.Float32, ModbusSignalKind.Sine, Min: 0, Max: 100, PeriodSeconds: 4),
            new("HR2", ModbusDataType.Float64, ModbusSignalKind.Ramp, Min: 10, Max: 20, PeriodSeconds: 10, ByteOrder: ModbusByteOrder.DCBA),
            new("HR6", ModbusDataType.UInt16, ModbusSignalKind.Counter, Min: 0, Max: 2, Step: 1),
            new("HR7", ModbusDataType.Int32, ModbusSignalKind.RandomWalk, Min: -5, Max: 5, Step: 3, ByteOrder: ModbusByteOrder.CDAB),
        ];
        var generator = new ModbusSignalGenerator(store, signals, new Random(7));

        generator.Update(TimeSpan.FromSeconds(1));
        Read(store, signals[0]).Should().Be(100f, "a sine peaks a quarter period in");
        Read(store, signals[1]).Should().Be(11.0);
        Read(store, signals[2]).Should().Be((ushort)1);

        generator.Update(TimeSpan.FromSeconds(3));
        Read(store, signals[0]).Should().Be(0f);
        generator.Update(TimeSpan.FromSeconds(15));
        Read(store, signals[1]).Should().Be(15.0, "a ramp starts again every period");
        Read(store, signals[2]).Should().Be((ushort)0, "the counter wraps from max to min");

        for (var i = 0; i < 100; i++)
        {
            generator.Update(TimeSpan.FromSeconds(i));
            ((int)Read(store, signals[3])).Should().BeInRange(-5, 5);
        }
    }

    [Fact]
    public void Update_Clock_WritesTheUpdateTimeInMillisecondsSince1970()
    {
        var store = new ModbusDataStore();
        var time = new SteppingClock(DateTimeOffset.Parse("2026-11-22T07:00:00.123Z", System.Globalization.CultureInfo.InvariantCulture));
        ModbusSignal[] signals = [new("HR10", ModbusDataType.UInt64, ModbusSignalKind.Clock)];
        var generator = new ModbusSignalGenerator(store, signals, new Random(7), time);

        generator.Update(TimeSpan.Zero);
        Read(store, signals[0]).Should().Be((ulong)time.Now.ToUnixTimeMilliseconds());
        time.Now = time.Now.AddMilliseconds(10);
        generator.Update(TimeSpan.FromMilliseconds(10));
        Read(store, signals[0]).Should().Be(1_795_330_800_133UL);
    }

    [Theory]
    [InlineData(ModbusDataType.UInt16)]
    [InlineData(ModbusDataType.Int32)]
    [InlineData(ModbusDataType.Float32)]
    public void Signal_ClockOfA32BitOrSmallerType_IsRejected(ModbusDataType type)
    {
        var act = () => new ModbusSignal("HR0", type, ModbusSignalKind.Clock).Validate();
        act.Should().Throw<ArgumentException>().WithMessage("*needs Int64, UInt64 or Float64*");
    }

    [Fact]
    public void Signal_Invalid_IsRejected()
    {
        var act = () => new ModbusSignal("HR0", ModbusDataType.Float32, ModbusSignalKind.Sine, Min: 5, Max: 1).Validate();
        act.Should().Throw<ArgumentException>();
    }

    private static object Read(ModbusDataStore store, ModbusSignal signal)
    {
        var tag = signal.ToTag();
        var registers = new ushort[tag.Length];
        store.ReadRegisters(ModbusArea.HoldingRegister, tag.Address.Offset, registers);
        return ModbusValueCodec.Decode(tag, registers);
    }

    private sealed class SteppingClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
