namespace Proxus.Server.Writes;

/// <summary>A write operation refused for a reason the caller can act on; nothing was changed.</summary>
public sealed class WriteRequestException : Exception
{
    public WriteRequestException()
    {
    }

    public WriteRequestException(string message)
        : base(message)
    {
    }

    public WriteRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public WriteRequestException(WriteErrorKind kind, string message)
        : base(message)
    {
        Kind = kind;
    }

    public WriteErrorKind Kind { get; }
}
