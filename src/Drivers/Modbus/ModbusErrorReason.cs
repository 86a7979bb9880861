namespace Proxus.Drivers.Modbus;

/// <summary>Why a Modbus operation failed.</summary>
public enum ModbusErrorReason
{
    /// <summary>The device answered with an exception response; see <see cref="ModbusException.ExceptionCode"/>.</summary>
    DeviceException,

    /// <summary>No complete reply arrived within the request timeout.</summary>
    Timeout,

    /// <summary>The connection could not be opened.</summary>
    ConnectionFailed,

    /// <summary>The peer closed the connection, or it broke while a request was outstanding.</summary>
    ConnectionClosed,

    /// <summary>A TCP reply carried a transaction id that no request is waiting for.</summary>
    TransactionIdMismatch,

    /// <summary>A reply came from another unit id than the request was sent to.</summary>
    UnitIdMismatch,

    /// <summary>A reply carried another function code than the request.</summary>
    FunctionCodeMismatch,

    /// <summary>A length field (MBAP length, byte count, quantity echo) contradicts the frame or the request.</summary>
    InvalidLength,

    /// <summary>A frame exceeds the protocol's maximum size.</summary>
    FrameTooLarge,

    /// <summary>An RTU frame failed its CRC-16 check.</summary>
    CrcMismatch,

    /// <summary>A reply is structurally wrong in another way (protocol id, echo, object list).</summary>
    MalformedFrame,

    /// <summary>The address string or the request range is not valid.</summary>
    InvalidAddress,

    /// <summary>The value cannot be represented by the tag's data type, or the request is outside protocol limits.</summary>
    InvalidValue,

    /// <summary>The tag addresses a read-only area or a register bit, which this client does not write.</summary>
    NotWritable,

    /// <summary>The address was rejected by the device earlier and is excluded from polling.</summary>
    KnownBadAddress,
}
