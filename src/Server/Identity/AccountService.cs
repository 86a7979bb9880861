using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Proxus.Server.Audit;

namespace Proxus.Server.Identity;

/// <summary>
/// What a signed-in person does to their own account: sign out, change the password (which ends
/// their other sessions and lifts the one-time-password restriction), and manage the optional TOTP
/// second factor. The current session's cookie is re-issued after a change of security stamp.
/// </summary>
public sealed class AccountService(
    UserManager<ProxusUser> users,
    SignInManager<ProxusUser> signIns,
    AuditLog audit)
{
    public async Task SignOutAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(principal);
        await signIns.SignOutAsync();
        if (user is not null)
        {
            await audit.AppendAsync(new AuditEvent(IamAuditEventTypes.Logout, Actor(user), UserAdministration.Subject(user)), cancellationToken);
        }
    }

    /// <summary>Changes the password after checking the current one; the errors if refused, else empty.</summary>
    public async Task<IReadOnlyList<string>> ChangePasswordAsync(ClaimsPrincipal principal, string? currentPassword, string? newPassword, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(principal) ?? throw new InvalidOperationException("The signed-in user no longer exists.");
        if (string.IsNullOrEmpty(currentPassword) || string.IsNullOrEmpty(newPassword)
            || currentPassword.Length > SignInService.MaxPasswordLength || newPassword.Length > SignInService.MaxPasswordLength)
        {
            return ["The current and the new password are required (at most " + SignInService.MaxPasswordLength + " characters)."];
        }

        if (users.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash!, currentPassword) == PasswordVerificationResult.Failed)
        {
            return ["The current password is wrong."];
        }

        if (currentPassword.Equals(newPassword, StringComparison.Ordinal))
        {
            return ["The new password must differ from the current one."];
        }

        var errors = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, user, newPassword)).Errors.Select(e => e.Description));
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        var hash = users.PasswordHasher.HashPassword(user, newPassword);
        await audit.RunAuditedAsync(
            async (db, ct) =>
            {
                var stamp = Guid.NewGuid().ToString("N").ToUpperInvariant();
                var changed = await db.Users.Where(u => u.Id == user.Id && u.ConcurrencyStamp == user.ConcurrencyStamp)
                    .ExecuteUpdateAsync(
                        u => u.SetProperty(x => x.PasswordHash, hash)
                            .SetProperty(x => x.MustChangePassword, false)
                            .SetProperty(x => x.SecurityStamp, stamp)
                            .SetProperty(x => x.ConcurrencyStamp, Guid.NewGuid().ToString("N").ToUpperInvariant()),
                        ct);
                if (changed == 0)
                {
                    throw new IamValidationException("The account changed meanwhile; sign in again.");
                }

                return new AuditedResult<bool>(true, new AuditEvent(IamAuditEventTypes.PasswordChanged, Actor(user), UserAdministration.Subject(user)));
            },
            cancellationToken);
        await RefreshSessionAsync(user.Id);
        return [];
    }

    /// <summary>Creates a new authenticator key; refused (null) while TOTP is enabled.</summary>
    public async Task<AuthenticatorSetup?> BeginAuthenticatorSetupAsync(ClaimsPrincipal principal)
    {
        var user = await users.GetUserAsync(principal) ?? throw new InvalidOperationException("The signed-in user no longer exists.");
        if (user.TwoFactorEnabled)
        {
            return null;
        }

        await users.ResetAuthenticatorKeyAsync(user);
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        await signIns.RefreshSignInAsync(user);
        var label = Uri.EscapeDataString("Proxus:" + user.UserName);
        return new AuthenticatorSetup(key, $"otpauth://totp/{label}?secret={key}&issuer=Proxus&digits=6&period=30");
    }

    /// <summary>Turns TOTP on (<paramref name="enable"/>) or off after checking a current code; false if the code is wrong.</summary>
    public async Task<bool> SetAuthenticatorAsync(ClaimsPrincipal principal, string? code, bool enable, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(principal) ?? throw new InvalidOperationException("The signed-in user no longer exists.");
        var normalized = code?.Replace(" ", string.Empty, StringComparison.Ordinal) ?? string.Empty;
        if (normalized.Length is 0 or > 16 || await users.GetAuthenticatorKeyAsync(user) is null
            || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, normalized))
        {
            return false;
        }

        var type = enable ? IamAuditEventTypes.TwoFactorEnabled : IamAuditEventTypes.TwoFactorDisabled;
        await audit.AppendAsync(new AuditEvent(type, Actor(user), UserAdministration.Subject(user)), cancellationToken);
        await users.SetTwoFactorEnabledAsync(user, enable);
        if (!enable)
        {
            await users.ResetAuthenticatorKeyAsync(user);
        }

        await signIns.RefreshSignInAsync(user);
        return true;
    }

    private static string Actor(ProxusUser user) => $"user:{user.UserName}";

    private async Task RefreshSessionAsync(Guid userId)
    {
        var fresh = await users.Users.AsNoTracking().SingleAsync(u => u.Id == userId);
        await signIns.RefreshSignInAsync(fresh);
    }
}
