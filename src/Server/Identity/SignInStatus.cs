namespace Proxus.Server.Identity;

/// <summary>How a sign-in attempt ended, as the caller may learn it.</summary>
public enum SignInStatus
{
    /// <summary>Signed in; the session cookie is set.</summary>
    Succeeded,

    /// <summary>Unknown user, wrong password, locked out, disabled or wrong second factor: one answer for all.</summary>
    Failed,

    /// <summary>The password was right and the account has TOTP: send the code with the password.</summary>
    TwoFactorRequired,
}
