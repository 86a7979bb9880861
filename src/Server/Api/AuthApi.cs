using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Proxus.Server.Api.Contracts;
using Proxus.Server.Identity;

namespace Proxus.Server.Api;

/// <summary>
/// Sign-in for people: <c>POST /api/v1/auth/login</c> sets the session cookie; every failure is one
/// 401 problem with the same text. The session endpoints (logout, password change, who am I) work
/// even while a one-time password awaits its change; TOTP management needs a current password.
/// </summary>
public static class AuthApi
{
    public const long MaxRequestBodySize = 4 * 1024;

    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/auth").WithTags("Authentication").WithMetadata(new RequestSizeLimitAttribute(MaxRequestBodySize));
        group.MapPost("/login", LoginAsync).WithName("Login").AllowAnonymous();
        group.MapPost("/logout", LogoutAsync).WithName("Logout").RequireAuthorization(IamPolicies.Session);
        group.MapGet("/me", MeAsync).WithName("GetCurrentUser").RequireAuthorization(IamPolicies.Session);
        group.MapPost("/password", ChangePasswordAsync).WithName("ChangePassword").RequireAuthorization(IamPolicies.Session);
        group.MapPost("/totp/setup", BeginTotpAsync).WithName("BeginTotpSetup").RequireAuthorization(IamPolicies.Account);
        group.MapPost("/totp/enable", (TotpCodeRequest request, AccountService accounts, ClaimsPrincipal user, CancellationToken ct) => SetTotpAsync(request, accounts, user, enable: true, ct))
            .WithName("EnableTotp").RequireAuthorization(IamPolicies.Account);
        group.MapPost("/totp/disable", (TotpCodeRequest request, AccountService accounts, ClaimsPrincipal user, CancellationToken ct) => SetTotpAsync(request, accounts, user, enable: false, ct))
            .WithName("DisableTotp").RequireAuthorization(IamPolicies.Account);
        return group;
    }

    private static async Task<Results<Ok<UserSummary>, ProblemHttpResult>> LoginAsync(LoginRequest request, SignInService signIns, HttpContext context, CancellationToken cancellationToken)
    {
        var outcome = await signIns.SignInAsync(request.UserName, request.Password, request.TotpCode, ApiPrincipal.RemoteAddress(context), cancellationToken);
        return outcome.Status switch
        {
            SignInStatus.Succeeded => TypedResults.Ok(outcome.User),
            SignInStatus.TwoFactorRequired => TypedResults.Problem("Send the current code of your authenticator app as totpCode.", statusCode: StatusCodes.Status401Unauthorized, title: "Second factor required", type: "urn:proxus:problem:auth:totp-required"),
            _ => TypedResults.Problem("The user name or the password is wrong, or the account cannot sign in now.", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", type: "urn:proxus:problem:auth:sign-in-failed"),
        };
    }

    private static async Task<NoContent> LogoutAsync(AccountService accounts, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await accounts.SignOutAsync(user, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<UserSummary>, NotFound>> MeAsync(UserAdministration administration, ClaimsPrincipal user, CancellationToken cancellationToken)
        => Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) && await administration.GetAsync(id, cancellationToken) is { } summary
            ? TypedResults.Ok(summary)
            : TypedResults.NotFound();

    private static async Task<Results<NoContent, ValidationProblem>> ChangePasswordAsync(ChangePasswordRequest request, AccountService accounts, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = await accounts.ChangePasswordAsync(user, request.CurrentPassword, request.NewPassword, cancellationToken);
        return errors.Count == 0
            ? TypedResults.NoContent()
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["newPassword"] = [.. errors] }, "The password was not changed.", type: "urn:proxus:problem:invalid-request");
    }

    private static async Task<Results<Ok<AuthenticatorSetup>, Conflict<ProblemDetails>>> BeginTotpAsync(AccountService accounts, ClaimsPrincipal user)
        => await accounts.BeginAuthenticatorSetupAsync(user) is { } setup
            ? TypedResults.Ok(setup)
            : TypedResults.Conflict(new ProblemDetails { Title = "TOTP is enabled", Detail = "Disable it first to set up a new authenticator.", Status = StatusCodes.Status409Conflict });

    private static async Task<Results<NoContent, ValidationProblem>> SetTotpAsync(TotpCodeRequest request, AccountService accounts, ClaimsPrincipal user, bool enable, CancellationToken cancellationToken)
        => await accounts.SetAuthenticatorAsync(user, request.Code, enable, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["code"] = ["The code is wrong or no authenticator is set up."] });
}
