namespace Proxus.Server.Identity;

/// <summary>A request to change identities was refused as invalid; <see cref="Errors"/> says why (HTTP 400).</summary>
public sealed class IamValidationException : Exception
{
    public IamValidationException()
        : this("The request is invalid.")
    {
    }

    public IamValidationException(string message)
        : this(message, [message])
    {
    }

    public IamValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    public IamValidationException(string message, IReadOnlyList<string> errors)
        : base(message)
    {
        Errors = errors;
    }

    public IReadOnlyList<string> Errors { get; }
}
