namespace Proxus.Drivers.S7;

/// <summary>Why an S7 operation failed. Connection-level reasons recycle the connection; item-level reasons do not.</summary>
public enum S7ErrorReason
{
    /// <summary>The TCP connection could not be established.</summary>
    ConnectionFailed,

    /// <summary>The peer refused the ISO (COTP) connection, e.g. with a disconnect request (wrong rack/slot or TSAP).</summary>
    ConnectionRefused,

    /// <summary>The peer closed the connection.</summary>
    ConnectionClosed,

    /// <summary>The peer did not answer within the configured timeout.</summary>
    Timeout,

    /// <summary>A TPKT, COTP or S7 header or length field was inconsistent with the bytes received.</summary>
    MalformedFrame,

    /// <summary>A frame exceeded the negotiated maximum size.</summary>
    FrameTooLarge,

    /// <summary>The reply had an unexpected message type (ROSCTR), COTP TPDU type or function code.</summary>
    UnexpectedMessage,

    /// <summary>The reply carried a PDU reference that does not match the request.</summary>
    PduReferenceMismatch,

    /// <summary>The reply carried a different number of items than requested.</summary>
    ItemCountMismatch,

    /// <summary>The negotiated PDU size is too small for any request.</summary>
    PduSizeTooSmall,

    /// <summary>The PLC rejected the whole request with a non-zero error class/code in the S7 header.</summary>
    RequestRejected,

    /// <summary>Item return code 0x01: hardware fault.</summary>
    HardwareFault,

    /// <summary>Item return code 0x03: accessing the object is not allowed.</summary>
    AccessDenied,

    /// <summary>Item return code 0x05: address out of range.</summary>
    AddressOutOfRange,

    /// <summary>Item return code 0x06: data type not supported.</summary>
    DataTypeNotSupported,

    /// <summary>Item return code 0x07: data type inconsistent (size mismatch).</summary>
    DataSizeMismatch,

    /// <summary>Item return code 0x0A: object does not exist.</summary>
    ObjectDoesNotExist,

    /// <summary>Any other item return code.</summary>
    ItemFailed,

    /// <summary>The address string is not valid S7 address syntax.</summary>
    InvalidAddress,

    /// <summary>A value cannot be converted to or from the address's data type.</summary>
    InvalidValue,
}
