namespace Proxus.Drivers.Modbus.Data;

/// <summary>The outcome of reading one tag: a value with good quality, or the error that made it bad.</summary>
public sealed record ModbusTagValue(ModbusTag Tag, object? Value, ModbusException? Error, DateTimeOffset Timestamp)
{
    public bool IsGood => Error is null;

    public static ModbusTagValue Good(ModbusTag tag, object value, DateTimeOffset timestamp) => new(tag, value, null, timestamp);

    public static ModbusTagValue Bad(ModbusTag tag, ModbusException error, DateTimeOffset timestamp) => new(tag, null, error, timestamp);
}
