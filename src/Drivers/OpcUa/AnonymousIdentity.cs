namespace Proxus.Drivers.OpcUa;

/// <summary>No user: the session is anonymous.</summary>
public sealed record AnonymousIdentity : UserIdentity
{
    internal override UserTokenType TokenType => UserTokenType.Anonymous;
}
