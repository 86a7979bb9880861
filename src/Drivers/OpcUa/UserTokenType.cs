namespace Proxus.Drivers.OpcUa;

/// <summary>The kinds of user identity token (Part 4 section 7.43).</summary>
public enum UserTokenType
{
    Anonymous = 0,
    UserName = 1,
    Certificate = 2,
    IssuedToken = 3,
}
