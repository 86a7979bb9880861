using Proxus.Drivers.Modbus.Data;

namespace Proxus.Simulators.Modbus;

/// <summary>The simulated memory image: the four 65536-entry tables, guarded by one lock.</summary>
public sealed class ModbusDataStore
{
    private const int TableSize = 0x10000;
    private readonly bool[] _coils = new bool[TableSize];
    private readonly bool[] _discreteInputs = new bool[TableSize];
    private readonly ushort[] _holdingRegisters = new ushort[TableSize];
    private readonly ushort[] _inputRegisters = new ushort[TableSize];
    private readonly Lock _gate = new();

    public void ReadBits(ModbusArea area, int start, Span<bool> destination)
    {
        lock (_gate)
        {
            BitTable(area).AsSpan(start, destination.Length).CopyTo(destination);
        }
    }

    public void WriteBits(ModbusArea area, int start, ReadOnlySpan<bool> values)
    {
        lock (_gate)
        {
            values.CopyTo(BitTable(area).AsSpan(start));
        }
    }

    public void ReadRegisters(ModbusArea area, int start, Span<ushort> destination)
    {
        lock (_gate)
        {
            RegisterTable(area).AsSpan(start, destination.Length).CopyTo(destination);
        }
    }

    public void WriteRegisters(ModbusArea area, int start, ReadOnlySpan<ushort> values)
    {
        lock (_gate)
        {
            values.CopyTo(RegisterTable(area).AsSpan(start));
        }
    }

    /// <summary>Writes a typed value (register tables) or a bit (bit tables and register bits).</summary>
    public void Write(ModbusTag tag, object value)
    {
        ArgumentNullException.ThrowIfNull(tag);
        if (tag.Address.IsBitTable)
        {
            WriteBits(tag.Address.Area, tag.Address.Offset, [ModbusValueCodec.ToBoolean(tag, value)]);
            return;
        }

        if (tag.Address.Bit is { } bit)
        {
            lock (_gate)
            {
                ref var register = ref RegisterTable(tag.Address.Area)[tag.Address.Offset];
                register = ModbusValueCodec.ToBoolean(tag, value) ? (ushort)(register | (1 << bit)) : (ushort)(register & ~(1 << bit));
            }

            return;
        }

        WriteRegisters(tag.Address.Area, tag.Address.Offset, ModbusValueCodec.Encode(tag, value));
    }

    private bool[] BitTable(ModbusArea area) => area == ModbusArea.Coil ? _coils : _discreteInputs;

    private ushort[] RegisterTable(ModbusArea area) => area == ModbusArea.HoldingRegister ? _holdingRegisters : _inputRegisters;
}
