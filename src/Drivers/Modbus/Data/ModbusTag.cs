namespace Proxus.Drivers.Modbus.Data;

/// <summary>
/// One value to read or write: where it is, how to interpret it, and (for gateways) which unit it is
/// on. <see cref="StringLength"/> is the number of registers of a <see cref="ModbusDataType.String"/>.
/// </summary>
public sealed record ModbusTag
{
    public ModbusTag(string name, ModbusAddress address, ModbusDataType dataType, ModbusByteOrder byteOrder = ModbusByteOrder.ABCD, int stringLength = 0, byte? unitId = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Address = address;
        DataType = dataType;
        ByteOrder = byteOrder;
        StringLength = stringLength;
        UnitId = unitId;
        Validate();
    }

    public string Name { get; }

    public ModbusAddress Address { get; }

    public ModbusDataType DataType { get; }

    public ModbusByteOrder ByteOrder { get; }

    public int StringLength { get; }

    /// <summary>The unit to address, or null for the client's default unit id.</summary>
    public byte? UnitId { get; }

    /// <summary>Bits (coil, discrete input) or registers the tag spans.</summary>
    public int Length => DataType switch
    {
        ModbusDataType.Bool or ModbusDataType.Int16 or ModbusDataType.UInt16 => 1,
        ModbusDataType.Int32 or ModbusDataType.UInt32 or ModbusDataType.Float32 => 2,
        ModbusDataType.Int64 or ModbusDataType.UInt64 or ModbusDataType.Float64 => 4,
        _ => StringLength,
    };

    /// <summary>Parses the address string and builds the tag.</summary>
    public static ModbusTag Create(string address, ModbusDataType dataType, ModbusByteOrder byteOrder = ModbusByteOrder.ABCD, int stringLength = 0, byte? unitId = null)
        => new(address, ModbusAddress.Parse(address), dataType, byteOrder, stringLength, unitId);

    private void Validate()
    {
        if (Address.IsBitTable && DataType != ModbusDataType.Bool)
        {
            throw new ModbusException(ModbusErrorReason.InvalidAddress, $"{Address} is a bit table; only Bool can be read from it.");
        }

        if (Address.Bit is not null && DataType != ModbusDataType.Bool)
        {
            throw new ModbusException(ModbusErrorReason.InvalidAddress, $"{Address} is a register bit; its data type must be Bool.");
        }

        if (!Address.IsBitTable && Address.Bit is null && DataType == ModbusDataType.Bool)
        {
            throw new ModbusException(ModbusErrorReason.InvalidAddress, $"A Bool in register {Address} needs a bit number (e.g. {Address}.0).");
        }

        if (DataType == ModbusDataType.String && StringLength is < 1 or > ModbusLimits.MaxReadRegisters)
        {
            throw new ModbusException(ModbusErrorReason.InvalidValue, $"A string spans 1..{ModbusLimits.MaxReadRegisters} registers, not {StringLength}.");
        }

        if (Address.Offset + Length > 0x10000)
        {
            throw new ModbusException(ModbusErrorReason.InvalidAddress, $"{Address} with {Length} registers passes the end of the table.");
        }
    }
}
