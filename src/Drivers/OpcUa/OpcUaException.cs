namespace Proxus.Drivers.OpcUa;

/// <summary>
/// The one error type of the OPC UA client: every failure (transport, security, service fault,
/// malformed or oversized message, timeout) carries the OPC UA <see cref="StatusCode"/> that names it.
/// </summary>
public sealed class OpcUaException : Exception
{
    public OpcUaException()
        : this(StatusCode.BadUnexpectedError, "Unexpected OPC UA error.")
    {
    }

    public OpcUaException(string message)
        : this(StatusCode.BadUnexpectedError, message)
    {
    }

    public OpcUaException(string message, Exception innerException)
        : this(StatusCode.BadUnexpectedError, message, innerException)
    {
    }

    public OpcUaException(StatusCode statusCode, string message, Exception? innerException = null)
        : base($"{statusCode.Name}: {message}", innerException)
    {
        StatusCode = statusCode;
        Detail = message;
    }

    public OpcUaException(StatusCode statusCode)
        : this(statusCode, "The operation failed.")
    {
    }

    /// <summary>The OPC UA status code of the failure.</summary>
    public StatusCode StatusCode { get; }

    /// <summary>The message without the status code prefix.</summary>
    public string Detail { get; }
}
