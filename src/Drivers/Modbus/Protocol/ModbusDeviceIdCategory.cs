namespace Proxus.Drivers.Modbus.Protocol;

/// <summary>Read Device ID code of function 43/14 (§6.21).</summary>
public enum ModbusDeviceIdCategory : byte
{
    /// <summary>Stream access to the basic objects 0x00..0x02.</summary>
    Basic = 0x01,

    /// <summary>Stream access to the regular objects 0x00..0x7F.</summary>
    Regular = 0x02,

    /// <summary>Stream access to the extended objects 0x00..0xFF.</summary>
    Extended = 0x03,

    /// <summary>One specific object.</summary>
    Specific = 0x04,
}
