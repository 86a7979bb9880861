using Proxus.Drivers.Modbus.Data;

namespace Proxus.Interop.Tests.Modbus.Support;

/// <summary>The C# side of Peers/modbus_layout.py: the same typed values at the same offsets.</summary>
internal static class ModbusPeerLayout
{
    public const int ServerBase = 100;
    public const string Text = "Proxus-1";
    public const int StringOffset = 20;

    public static readonly (string Name, ModbusDataType Type, int Offset, object Value)[] Values =
    [
        ("int16", ModbusDataType.Int16, 0, (short)-12345),
        ("uint16", ModbusDataType.UInt16, 1, (ushort)54321),
        ("int32", ModbusDataType.Int32, 2, -123456789),
        ("uint32", ModbusDataType.UInt32, 4, 3123456789u),
        ("int64", ModbusDataType.Int64, 6, -1234567890123456789L),
        ("uint64", ModbusDataType.UInt64, 10, 12345678901234567890UL),
        ("float32", ModbusDataType.Float32, 14, 3.25f),
        ("float64", ModbusDataType.Float64, 16, -2.718281828459045),
    ];

    public static IEnumerable<(ModbusTag Tag, object Value)> Tags(int layoutBase)
    {
        var orders = Enum.GetValues<ModbusByteOrder>();
        for (var i = 0; i < orders.Length; i++)
        {
            foreach (var (name, type, offset, value) in Values)
            {
                yield return (new ModbusTag($"{orders[i]}.{name}", new ModbusAddress(ModbusArea.HoldingRegister, (ushort)(layoutBase + (100 * i) + offset)), type, orders[i]), value);
            }
        }

        yield return (new ModbusTag("ABCD.string", new ModbusAddress(ModbusArea.HoldingRegister, (ushort)(layoutBase + StringOffset)), ModbusDataType.String, stringLength: 4), Text);
    }
}
