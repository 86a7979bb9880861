namespace Proxus.Core.Model;

/// <summary>Classification helpers for <see cref="Protocol"/>.</summary>
public static class ProtocolExtensions
{
    /// <summary>True for the three Modbus transports, which share one address syntax.</summary>
    public static bool IsModbus(this Protocol protocol) =>
        protocol is Protocol.ModbusTcp or Protocol.ModbusRtuOverTcp or Protocol.ModbusRtuSerial;
}
