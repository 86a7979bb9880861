namespace Proxus.Drivers.OpcUa;

/// <summary>A user name and password; the password is encrypted for the server as the token policy requires.</summary>
public sealed record UserNameIdentity(string UserName, string Password) : UserIdentity
{
    internal override UserTokenType TokenType => UserTokenType.UserName;

    public override string ToString() => $"UserNameIdentity {{ UserName = {UserName} }}";
}
