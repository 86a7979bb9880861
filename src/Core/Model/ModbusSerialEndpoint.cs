namespace Proxus.Core.Model;

/// <summary>Modbus RTU on a local serial port of the agent.</summary>
public sealed record ModbusSerialEndpoint(
    string Device,
    int BaudRate = 19200,
    SerialParity Parity = SerialParity.Even,
    int DataBits = 8,
    int StopBits = 1,
    int UnitId = 1) : ConnectionEndpoint;
