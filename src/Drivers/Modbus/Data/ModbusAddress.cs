using System.Globalization;

namespace Proxus.Drivers.Modbus.Data;

/// <summary>
/// A location in a device: table, 0-based protocol address (what goes on the wire) and, for a bit of a
/// register, the bit number 0 (least significant) to 15. Parsed from Modicon (<c>40001</c>,
/// <c>400001</c>) and typed (<c>HR100</c>, <c>HR100.3</c>) notations; see docs/protocols/modbus.md.
/// </summary>
public readonly partial record struct ModbusAddress
{
    public ModbusAddress(ModbusArea area, ushort offset, int? bit = null)
    {
        if (bit is not null && (bit is < 0 or > 15 || area is ModbusArea.Coil or ModbusArea.DiscreteInput))
        {
            throw new ModbusException(ModbusErrorReason.InvalidAddress, $"Bit {bit} is not a bit 0..15 of a register.");
        }

        Area = area;
        Offset = offset;
        Bit = bit;
    }

    public ModbusArea Area { get; }

    /// <summary>The 0-based protocol address.</summary>
    public ushort Offset { get; }

    /// <summary>The bit of a register, or null.</summary>
    public int? Bit { get; }

    public bool IsBitTable => Area is ModbusArea.Coil or ModbusArea.DiscreteInput;

    /// <summary>The canonical typed form, e.g. <c>HR99.3</c>.</summary>
    public override string ToString()
    {
        var prefix = Area switch
        {
            ModbusArea.Coil => "CO",
            ModbusArea.DiscreteInput => "DI",
            ModbusArea.InputRegister => "IR",
            _ => "HR",
        };
        var text = prefix + Offset.ToString(CultureInfo.InvariantCulture);
        return Bit is { } bit ? text + "." + bit.ToString(CultureInfo.InvariantCulture) : text;
    }
}
