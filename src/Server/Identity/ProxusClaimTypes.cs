namespace Proxus.Server.Identity;

/// <summary>Claims Proxus adds to principals.</summary>
public static class ProxusClaimTypes
{
    /// <summary>On a user who signed in with a one-time password: only the password change is allowed.</summary>
    public const string MustChangePassword = "proxus:must_change_password";

    /// <summary>The OAuth2 client id of a machine principal (RFC 8693 4.3).</summary>
    public const string ClientId = "client_id";

    /// <summary>Space-separated scopes of a machine principal (RFC 8693 4.2).</summary>
    public const string Scope = "scope";

    /// <summary>The client's secret version a token was issued under; rotation invalidates older tokens.</summary>
    public const string SecretVersion = "proxus_sv";
}
