using Proxus.Drivers.S7.Protocol;

namespace Proxus.Drivers.S7;

/// <summary>Maps Read/Write Var item return codes to typed errors.</summary>
internal static class S7ItemErrors
{
    public static S7Exception FromReturnCode(S7ReturnCode code, S7Address address)
    {
        var (reason, text) = code switch
        {
            S7ReturnCode.HardwareFault => (S7ErrorReason.HardwareFault, "hardware fault"),
            S7ReturnCode.AccessDenied => (S7ErrorReason.AccessDenied, "access denied"),
            S7ReturnCode.AddressOutOfRange => (S7ErrorReason.AddressOutOfRange, "address out of range"),
            S7ReturnCode.DataTypeNotSupported => (S7ErrorReason.DataTypeNotSupported, "data type not supported"),
            S7ReturnCode.DataSizeMismatch => (S7ErrorReason.DataSizeMismatch, "data type inconsistent"),
            S7ReturnCode.ObjectDoesNotExist => (S7ErrorReason.ObjectDoesNotExist, "object does not exist"),
            _ => (S7ErrorReason.ItemFailed, "item failed"),
        };
        return new S7Exception(reason, $"{address}: {text} (return code 0x{(byte)code:X2}).") { ReturnCode = (byte)code };
    }
}
