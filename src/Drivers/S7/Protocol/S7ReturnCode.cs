namespace Proxus.Drivers.S7.Protocol;

/// <summary>Per-item return codes of Read/Write Var acknowledgements.</summary>
public enum S7ReturnCode : byte
{
    Reserved = 0x00,
    HardwareFault = 0x01,
    AccessDenied = 0x03,
    AddressOutOfRange = 0x05,
    DataTypeNotSupported = 0x06,
    DataSizeMismatch = 0x07,
    ObjectDoesNotExist = 0x0A,
    Success = 0xFF,
}
