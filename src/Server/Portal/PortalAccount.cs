using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Proxus.Server.Api;
using Proxus.Server.Identity;
using Proxus.Web.Services;

namespace Proxus.Server.Portal;

/// <summary>
/// The portal's sign-in and own-account operations over <see cref="SignInService"/> and
/// <see cref="AccountService"/>. The TOTP step's ticket is the user name and password encrypted
/// with Data Protection for five minutes, so the password is not sent back to the browser.
/// </summary>
internal sealed class PortalAccount(
    SignInService signIns,
    AccountService accounts,
    UserManager<ProxusUser> users,
    IHttpContextAccessor http,
    IDataProtectionProvider protection,
    IOptions<IamOptions> iam) : IPortalAccount
{
    internal static readonly TimeSpan TicketLifetime = TimeSpan.FromMinutes(5);

    private readonly ITimeLimitedDataProtector _tickets = protection.CreateProtector("Proxus.Portal.TwoFactorTicket.v1").ToTimeLimitedDataProtector();

    public LockoutPolicy Lockout => new(iam.Value.MaxFailedSignIns, iam.Value.LockoutDuration);

    public Task<SignInAttempt> SignInAsync(string? userName, string? password, CancellationToken cancellationToken)
        => AttemptAsync(userName, password, null, cancellationToken);

    public async Task<SignInAttempt> CompleteTwoFactorAsync(string? ticket, string? code, CancellationToken cancellationToken)
    {
        if (!TryReadTicket(ticket, out var userName, out var password) || string.IsNullOrWhiteSpace(code))
        {
            return new SignInAttempt(PortalSignInResult.Failed);
        }

        var attempt = await AttemptAsync(userName, password, code, cancellationToken);
        return attempt.Result == PortalSignInResult.TwoFactorRequired ? new SignInAttempt(PortalSignInResult.Failed) : attempt;
    }

    public bool MustChangePassword(ClaimsPrincipal principal) => principal.HasClaim(ProxusClaimTypes.MustChangePassword, "true");

    public Task SignOutAsync(ClaimsPrincipal principal, CancellationToken cancellationToken) => accounts.SignOutAsync(principal, cancellationToken);

    public Task<IReadOnlyList<string>> ChangePasswordAsync(ClaimsPrincipal principal, string? currentPassword, string? newPassword, CancellationToken cancellationToken)
        => Guard(() => accounts.ChangePasswordAsync(principal, currentPassword, newPassword, cancellationToken));

    public async Task<bool> IsTwoFactorEnabledAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
        => await users.GetUserAsync(principal) is { TwoFactorEnabled: true };

    public async Task<AuthenticatorKey?> BeginAuthenticatorSetupAsync(ClaimsPrincipal principal)
        => await accounts.BeginAuthenticatorSetupAsync(principal) is { } setup ? new AuthenticatorKey(setup.SharedKey, setup.AuthenticatorUri) : null;

    public Task<bool> SetAuthenticatorAsync(ClaimsPrincipal principal, string? code, bool enable, CancellationToken cancellationToken)
        => accounts.SetAuthenticatorAsync(principal, code, enable, cancellationToken);

    private static async Task<IReadOnlyList<string>> Guard(Func<Task<IReadOnlyList<string>>> change)
    {
        try
        {
            return await change();
        }
        catch (IamValidationException e)
        {
            return e.Errors;
        }
    }

    private async Task<SignInAttempt> AttemptAsync(string? userName, string? password, string? code, CancellationToken cancellationToken)
    {
        var context = http.HttpContext ?? throw new InvalidOperationException("Sign-in runs in an HTTP request (a static form post).");
        var outcome = await signIns.SignInAsync(userName, password, code, ApiPrincipal.RemoteAddress(context), cancellationToken);
        return outcome.Status switch
        {
            SignInStatus.Succeeded when outcome.User is { MustChangePassword: true } => new SignInAttempt(PortalSignInResult.MustChangePassword),
            SignInStatus.Succeeded => new SignInAttempt(PortalSignInResult.Succeeded),
            SignInStatus.TwoFactorRequired => new SignInAttempt(PortalSignInResult.TwoFactorRequired, WriteTicket(userName!, password!)),
            _ => new SignInAttempt(PortalSignInResult.Failed),
        };
    }

    private string WriteTicket(string userName, string password)
        => _tickets.Protect(JsonSerializer.Serialize(new[] { userName, password }), TicketLifetime);

    private bool TryReadTicket(string? ticket, out string userName, out string password)
    {
        userName = password = string.Empty;
        if (string.IsNullOrEmpty(ticket) || ticket.Length > 4096)
        {
            return false;
        }

        try
        {
            var parts = JsonSerializer.Deserialize<string[]>(_tickets.Unprotect(ticket));
            if (parts is not [var name, var secret])
            {
                return false;
            }

            (userName, password) = (name, secret);
            return true;
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
        {
            return false;
        }
    }
}
