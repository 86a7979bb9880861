using System.Security.Claims;

namespace Proxus.Web.Services;

/// <summary>
/// The signed-in person's own account. Every method that changes the session cookie runs in a
/// static server-rendered request (a form post), never over the interactive circuit.
/// </summary>
public interface IPortalAccount
{
    /// <summary>How many failed sign-ins lock an account, and for how long.</summary>
    LockoutPolicy Lockout { get; }

    /// <summary>
    /// Checks the credentials and sets the session cookie on success. When the account has TOTP,
    /// the result carries a short-lived, encrypted ticket for <see cref="CompleteTwoFactorAsync"/>,
    /// so the password never travels back to the browser.
    /// </summary>
    Task<SignInAttempt> SignInAsync(string? userName, string? password, CancellationToken cancellationToken);

    /// <summary>The second step: the ticket of the first and the authenticator's current code.</summary>
    Task<SignInAttempt> CompleteTwoFactorAsync(string? ticket, string? code, CancellationToken cancellationToken);

    /// <summary>True while the person signed in with a one-time password that must be changed first.</summary>
    bool MustChangePassword(ClaimsPrincipal principal);

    Task SignOutAsync(ClaimsPrincipal principal, CancellationToken cancellationToken);

    /// <summary>The reasons the password was not changed, or none when it was (the cookie is re-issued).</summary>
    Task<IReadOnlyList<string>> ChangePasswordAsync(ClaimsPrincipal principal, string? currentPassword, string? newPassword, CancellationToken cancellationToken);

    /// <summary>Whether the account has a TOTP second factor.</summary>
    Task<bool> IsTwoFactorEnabledAsync(ClaimsPrincipal principal, CancellationToken cancellationToken);

    /// <summary>A new authenticator key to confirm with a code; null while TOTP is enabled.</summary>
    Task<AuthenticatorKey?> BeginAuthenticatorSetupAsync(ClaimsPrincipal principal);

    /// <summary>Turns TOTP on or off after checking a current code; false when the code is wrong.</summary>
    Task<bool> SetAuthenticatorAsync(ClaimsPrincipal principal, string? code, bool enable, CancellationToken cancellationToken);
}
