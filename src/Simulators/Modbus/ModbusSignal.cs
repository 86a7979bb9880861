using Proxus.Drivers.Modbus.Data;

namespace Proxus.Simulators.Modbus;

/// <summary>A value that moves over time at an address, with its type and byte order.</summary>
public sealed record ModbusSignal(
    string Address,
    ModbusDataType Type,
    ModbusSignalKind Kind,
    double Min = 0,
    double Max = 100,
    double PeriodSeconds = 10,
    double Step = 1,
    ModbusByteOrder ByteOrder = ModbusByteOrder.ABCD)
{
    public ModbusTag ToTag() => ModbusTag.Create(Address, Type, ByteOrder);

    public void Validate()
    {
        var tag = ToTag();
        if (tag.DataType == ModbusDataType.String)
        {
            throw new ArgumentException($"Signal {Address}: strings do not move.");
        }

        if (Kind == ModbusSignalKind.Clock && tag.DataType is not (ModbusDataType.Int64 or ModbusDataType.UInt64 or ModbusDataType.Float64))
        {
            throw new ArgumentException($"Signal {Address}: a clock holds milliseconds since 1970 and needs Int64, UInt64 or Float64.");
        }

        if (Max < Min || PeriodSeconds <= 0 || Step < 0)
        {
            throw new ArgumentException($"Signal {Address}: needs Min <= Max, PeriodSeconds > 0 and Step >= 0.");
        }
    }
}
