namespace Proxus.Core.Model;

/// <summary>The value type of a tag as read from the device, covering Modbus, S7 and OPC UA.</summary>
public enum DataType
{
    Bool,
    Byte,
    SByte,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Float32,
    Float64,
    String,
    DateTime,
}
