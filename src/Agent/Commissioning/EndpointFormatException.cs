namespace Proxus.Agent.Commissioning;

/// <summary>An endpoint URL that cannot be used: unknown scheme, bad host or port, unknown or invalid query key.</summary>
public sealed class EndpointFormatException : FormatException
{
    public EndpointFormatException(string message)
        : base(message)
    {
    }

    public EndpointFormatException()
    {
    }

    public EndpointFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
