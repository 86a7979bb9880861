namespace Proxus.Drivers.OpcUa;

/// <summary>
/// Who the session acts for (Part 4 section 7.41): <see cref="Anonymous"/>, a user name and password
/// (<see cref="UserNameIdentity"/>) or an X.509 certificate with its private key (<see cref="X509Identity"/>).
/// </summary>
public abstract record UserIdentity
{
    private protected UserIdentity()
    {
    }

    public static UserIdentity Anonymous { get; } = new AnonymousIdentity();

    internal abstract UserTokenType TokenType { get; }
}
