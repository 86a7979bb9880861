using System.Net;

namespace Proxus.Agent.Identity;

/// <summary>The server refused an agent API request, or answered with something the agent does not accept.</summary>
public sealed class ServerApiException : Exception
{
    public ServerApiException()
    {
    }

    public ServerApiException(string message)
        : base(message)
    {
    }

    public ServerApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ServerApiException(HttpStatusCode statusCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
    }

    public HttpStatusCode? StatusCode { get; }
}
