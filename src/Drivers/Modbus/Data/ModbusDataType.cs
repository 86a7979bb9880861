namespace Proxus.Drivers.Modbus.Data;

/// <summary>How the bits or registers of a tag are interpreted.</summary>
public enum ModbusDataType
{
    Bool,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Float32,
    Float64,

    /// <summary>ASCII text, two characters per register, padded with NUL.</summary>
    String,
}
