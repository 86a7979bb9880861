using Microsoft.AspNetCore.Identity;
using Proxus.Server.Audit;

namespace Proxus.Server.Identity;

/// <summary>
/// Password (and TOTP) sign-in for people. Every failure — unknown user, wrong password, locked
/// out, disabled, wrong code — gives the caller the same answer and costs one password-hash
/// verification, so neither the answer nor its timing tells whether a user exists. Failed attempts
/// count towards the lockout (<see cref="IamOptions.MaxFailedSignIns"/>). Each attempt is audited
/// with the real reason; the session cookie is issued only after the audit entry is written.
/// </summary>
public sealed partial class SignInService(
    UserManager<ProxusUser> users,
    SignInManager<ProxusUser> signIns,
    UserAdministration administration,
    AuditLog audit,
    ILogger<SignInService> logger)
{
    /// <summary>Longer passwords are refused before hashing (hashing cost is per byte for PBKDF2's first block).</summary>
    public const int MaxPasswordLength = 256;

    private static readonly Lazy<(ProxusUser User, string Hash)> Dummy = new(() =>
    {
        var user = new ProxusUser { UserName = "dummy" };
        return (user, new PasswordHasher<ProxusUser>().HashPassword(user, OneTimePasswords.Create()));
    });

    public async Task<SignInOutcome> SignInAsync(string? userName, string? password, string? totpCode, string remoteAddress, CancellationToken cancellationToken)
    {
        var attempted = userName?.Trim() ?? string.Empty;
        var anonymous = $"anonymous@{remoteAddress}";
        if (attempted.Length is 0 or > UserAdministration.MaxUserNameLength || string.IsNullOrEmpty(password) || password.Length > MaxPasswordLength)
        {
            return await FailAsync(anonymous, attempted, "malformed", hashed: false, cancellationToken);
        }

        var user = await users.FindByNameAsync(attempted);
        if (user is null)
        {
            return await FailAsync(anonymous, attempted, "unknown-user", hashed: false, cancellationToken);
        }

        var actor = $"user:{user.UserName}@{remoteAddress}";
        if (user.IsDisabled)
        {
            return await FailAsync(actor, attempted, "disabled", hashed: false, cancellationToken);
        }

        if (await users.IsLockedOutAsync(user))
        {
            return await FailAsync(actor, attempted, "locked-out", hashed: false, cancellationToken);
        }

        var result = await signIns.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            return await FailAsync(actor, attempted, result.IsLockedOut ? "wrong-password; locked out now" : "wrong-password", hashed: true, cancellationToken);
        }

        if (user.TwoFactorEnabled)
        {
            if (string.IsNullOrWhiteSpace(totpCode))
            {
                return new SignInOutcome(SignInStatus.TwoFactorRequired, null);
            }

            var code = totpCode.Replace(" ", string.Empty, StringComparison.Ordinal);
            if (code.Length > 16 || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            {
                await users.AccessFailedAsync(user);
                return await FailAsync(actor, attempted, "wrong-totp", hashed: true, cancellationToken);
            }

            await users.ResetAccessFailedCountAsync(user);
        }

        var data = new Dictionary<string, string?> { ["mustChangePassword"] = user.MustChangePassword ? "true" : "false", ["totp"] = user.TwoFactorEnabled ? "true" : "false" };
        await audit.AppendAsync(new AuditEvent(IamAuditEventTypes.LoginSucceeded, actor, UserAdministration.Subject(user), data), cancellationToken);
        await signIns.SignInAsync(user, isPersistent: false, authenticationMethod: user.TwoFactorEnabled ? "pwd+otp" : "pwd");
        return new SignInOutcome(SignInStatus.Succeeded, await administration.GetAsync(user.Id, cancellationToken));
    }

    private async Task<SignInOutcome> FailAsync(string actor, string attempted, string reason, bool hashed, CancellationToken cancellationToken)
    {
        if (!hashed)
        {
            // Equalize the cost with a real verification, so timing does not tell the cases apart.
            var (user, hash) = Dummy.Value;
            users.PasswordHasher.VerifyHashedPassword(user, hash, OneTimePasswords.Create());
        }

        LogFailed(logger, attempted, reason);
        var data = new Dictionary<string, string?> { ["userName"] = attempted, ["reason"] = reason };
        await audit.AppendAsync(new AuditEvent(IamAuditEventTypes.LoginFailed, actor, $"user:{attempted}", data), cancellationToken);
        return new SignInOutcome(SignInStatus.Failed, null);
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Warning, Message = "Sign-in as {UserName} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string userName, string reason);
}
