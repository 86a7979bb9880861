using System.Text.Json;
using Proxus.Drivers.Modbus.Data;

namespace Proxus.Simulators.Modbus;

/// <summary>A fixed value written into the memory image at start, e.g. <c>{"address":"HR0","type":"Float32","value":12.5}</c>.</summary>
public sealed record ModbusInitialValue(string Address, ModbusDataType Type, JsonElement Value, ModbusByteOrder ByteOrder = ModbusByteOrder.ABCD, int StringLength = 0)
{
    public ModbusTag ToTag() => ModbusTag.Create(Address, Type, ByteOrder, StringLength);

    /// <summary>The JSON value as a CLR value the codec converts.</summary>
    public object ClrValue => Value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => Value.GetString()!,
        JsonValueKind.Number when Value.TryGetInt64(out var integer) => integer,
        JsonValueKind.Number when Value.TryGetUInt64(out var unsigned) => unsigned,
        JsonValueKind.Number => Value.GetDouble(),
        _ => throw new ArgumentException($"The value of {Address} must be a number, string or boolean."),
    };
}
