namespace Proxus.Drivers.Modbus;

public enum ModbusTransportKind
{
    /// <summary>Modbus TCP: MBAP header, port 502.</summary>
    Tcp,

    /// <summary>RTU frames (address, PDU, CRC-16) carried over TCP to a serial gateway.</summary>
    RtuOverTcp,

    /// <summary>RTU frames on a local serial device (Linux tty).</summary>
    RtuSerial,
}
