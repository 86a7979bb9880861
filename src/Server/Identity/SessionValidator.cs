using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Proxus.Server.Identity;

/// <summary>
/// Runs on every request that carries a session cookie, with no caching: the user must still
/// exist, be enabled and have the security stamp the cookie was issued with; the principal is then
/// rebuilt from the database, so a role removed a moment ago is gone on the next request. A renewed
/// stamp (role removed, disabled, password changed or reset) ends every older session.
/// </summary>
internal static partial class SessionValidator
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var users = services.GetRequiredService<UserManager<ProxusUser>>();
        var principal = context.Principal;
        var user = principal is null ? null : await users.GetUserAsync(principal);
        var stamp = principal?.FindFirst(users.Options.ClaimsIdentity.SecurityStampClaimType)?.Value;
        if (user is null || user.IsDisabled || stamp is null || !string.Equals(stamp, user.SecurityStamp, StringComparison.Ordinal))
        {
            LogSessionEnded(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SessionValidator)), user?.UserName ?? "(deleted)");
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
            return;
        }

        var signIns = services.GetRequiredService<SignInManager<ProxusUser>>();
        context.ReplacePrincipal(await signIns.CreateUserPrincipalAsync(user));
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Session of {UserName} ended: the account changed (disabled, role removed or password changed)")]
    private static partial void LogSessionEnded(ILogger logger, string userName);
}
