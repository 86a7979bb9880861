namespace Proxus.Drivers.Modbus;

/// <summary>Protocol limits (MODBUS Application Protocol v1.1b3 §4.1 and §6; MODBUS Messaging on TCP/IP §3.1.3).</summary>
public static class ModbusLimits
{
    /// <summary>Largest PDU: function code plus 252 data bytes.</summary>
    public const int MaxPduLength = 253;

    /// <summary>Largest value of the MBAP length field: unit id plus PDU.</summary>
    public const int MaxMbapLength = MaxPduLength + 1;

    /// <summary>MBAP header size: transaction id, protocol id, length, unit id.</summary>
    public const int MbapHeaderLength = 7;

    /// <summary>Largest RTU frame: address, PDU, CRC.</summary>
    public const int MaxRtuFrameLength = 256;

    public const int MaxReadRegisters = 125;
    public const int MaxReadBits = 2000;
    public const int MaxWriteRegisters = 123;
    public const int MaxWriteBits = 1968;
    public const int MaxReadWriteReadRegisters = 125;
    public const int MaxReadWriteWriteRegisters = 121;
}
