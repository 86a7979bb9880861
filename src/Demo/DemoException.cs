namespace Proxus.Demo;

/// <summary>The demo cannot go on; the message says why and what to do, and is all the user sees.</summary>
public sealed class DemoException : Exception
{
    public DemoException()
    {
    }

    public DemoException(string message)
        : base(message)
    {
    }

    public DemoException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
