using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Proxus.Server.Audit;

namespace Proxus.Server.Identity;

/// <summary>
/// At start-up, after the migrations: loads the access-token signing key and, when the database
/// has no user at all, creates the first administrator with a one-time password that is written
/// to the log once (and never stored in plain text); it must be changed at the first sign-in.
/// </summary>
internal sealed partial class IdentityInitializer(
    IServiceScopeFactory scopes,
    AccessTokenService tokens,
    AuditLog audit,
    IOptions<IamOptions> options,
    ILogger<IdentityInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await tokens.InitializeAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<UserManager<ProxusUser>>().Users.AnyAsync(cancellationToken))
        {
            return;
        }

        var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var password = OneTimePasswords.Create();
        var admin = await administration.NewUserAsync(options.Value.InitialAdminUserName, password, cancellationToken);
        var created = await audit.RunAuditedAsync(
            async (db, ct) =>
            {
                if (await db.Users.AnyAsync(ct))
                {
                    return new AuditedResult<bool>(false, []);
                }

                db.Users.Add(admin);
                await UserAdministration.AddRolesAsync(db, admin.Id, [Roles.Admin], ct);
                await db.SaveChangesAsync(ct);
                return new AuditedResult<bool>(true, new AuditEvent(IamAuditEventTypes.AdminBootstrapped, "system", UserAdministration.Subject(admin)));
            },
            cancellationToken);
        if (created)
        {
            LogInitialAdmin(logger, admin.UserName!, password);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(
        EventId = 5100,
        Level = LogLevel.Warning,
        Message = "\n\n    FIRST START: created the administrator '{UserName}' with the one-time password\n\n        {Password}\n\n    Sign in and change it now (POST /api/v1/auth/login, then /api/v1/auth/password).\n    It is shown only this once and works for nothing but the password change.\n")]
    private static partial void LogInitialAdmin(ILogger logger, string userName, string password);
}
