namespace Proxus.Web.Services;

/// <summary>How a sign-in attempt ended, as the person may learn it.</summary>
public enum PortalSignInResult
{
    /// <summary>Signed in; the session cookie is set.</summary>
    Succeeded,

    /// <summary>Signed in with a one-time password: only the password change is open.</summary>
    MustChangePassword,

    /// <summary>The password was right and the account has TOTP: ask for the code.</summary>
    TwoFactorRequired,

    /// <summary>Unknown user, wrong password or code, locked out or disabled: one answer for all.</summary>
    Failed,
}
