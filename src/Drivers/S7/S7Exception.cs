namespace Proxus.Drivers.S7;

/// <summary>The one exception type of the S7 driver; <see cref="Reason"/> tells what went wrong.</summary>
public sealed class S7Exception : Exception
{
    public S7Exception(S7ErrorReason reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public S7ErrorReason Reason { get; }

    /// <summary>The S7 header error class (0x81 .. 0x87) when <see cref="Reason"/> is <see cref="S7ErrorReason.RequestRejected"/>.</summary>
    public byte ErrorClass { get; init; }

    /// <summary>The S7 header error code that accompanies <see cref="ErrorClass"/>.</summary>
    public byte ErrorCode { get; init; }

    /// <summary>The item return code for item-level failures (0x05, 0x0A, ...); 0 otherwise.</summary>
    public byte ReturnCode { get; init; }

    /// <summary>True when the connection that raised this error is out of step and must not be reused.</summary>
    public bool BreaksConnection => Reason is S7ErrorReason.ConnectionFailed or S7ErrorReason.ConnectionRefused
        or S7ErrorReason.ConnectionClosed or S7ErrorReason.Timeout or S7ErrorReason.MalformedFrame
        or S7ErrorReason.FrameTooLarge or S7ErrorReason.UnexpectedMessage or S7ErrorReason.PduReferenceMismatch
        or S7ErrorReason.ItemCountMismatch or S7ErrorReason.PduSizeTooSmall;
}
