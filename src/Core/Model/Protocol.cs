namespace Proxus.Core.Model;

/// <summary>The device protocol of a connection.</summary>
public enum Protocol
{
    ModbusTcp,
    ModbusRtuOverTcp,
    ModbusRtuSerial,
    S7,
    OpcUa,
}
