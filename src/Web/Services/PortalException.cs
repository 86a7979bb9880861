namespace Proxus.Web.Services;

/// <summary>
/// A portal operation was refused (invalid input, a rule of the server, an object that does not
/// exist or is outside the caller's sites); <see cref="Details"/> are the messages to show.
/// </summary>
public sealed class PortalException : Exception
{
    public PortalException()
        : this("The operation was refused.")
    {
    }

    public PortalException(string message)
        : this(message, [message])
    {
    }

    public PortalException(string message, Exception innerException)
        : base(message, innerException)
    {
        Details = [message];
    }

    public PortalException(string message, IReadOnlyList<string> details)
        : base(message)
    {
        Details = details;
    }

    public IReadOnlyList<string> Details { get; }
}
