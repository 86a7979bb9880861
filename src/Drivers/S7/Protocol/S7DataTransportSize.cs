namespace Proxus.Drivers.S7.Protocol;

/// <summary>The transport size of a data item; it decides whether the item length counts bits or bytes.</summary>
public enum S7DataTransportSize : byte
{
    Null = 0x00,
    Bit = 0x03,
    Byte = 0x04,
    Integer = 0x05,
    Real = 0x07,
    OctetString = 0x09,
}
