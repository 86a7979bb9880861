using System.Security.Claims;

namespace Proxus.Web.Services;

/// <summary>
/// Users, their roles and site assignments, and OAuth2 machine clients (Admin). Every change is
/// audited by the server under the caller's name; secrets and one-time passwords are returned once.
/// </summary>
public interface IIdentityDirectory
{
    Task<IReadOnlyList<UserView>> ListUsersAsync(ClaimsPrincipal caller, CancellationToken cancellationToken);

    Task<UserView?> GetUserAsync(ClaimsPrincipal caller, Guid userId, CancellationToken cancellationToken);

    /// <summary>A new user with a one-time password that must be changed at the first sign-in.</summary>
    /// <exception cref="PortalException">The name is invalid or taken, or a role is unknown.</exception>
    Task<OneTimeSecret<UserView>> CreateUserAsync(ClaimsPrincipal caller, string userName, IReadOnlyList<string> roles, CancellationToken cancellationToken);

    /// <exception cref="PortalException">The user does not exist, or the change would leave no administrator.</exception>
    Task<UserView> SetRolesAsync(ClaimsPrincipal caller, Guid userId, IReadOnlyList<string> roles, CancellationToken cancellationToken);

    /// <exception cref="PortalException">The user or a site does not exist.</exception>
    Task<UserView> SetSitesAsync(ClaimsPrincipal caller, Guid userId, IReadOnlyList<Guid> siteIds, CancellationToken cancellationToken);

    /// <exception cref="PortalException">The user does not exist, or it is the last administrator.</exception>
    Task<UserView> SetDisabledAsync(ClaimsPrincipal caller, Guid userId, bool disabled, CancellationToken cancellationToken);

    /// <summary>A new one-time password (sessions end, lockout is cleared).</summary>
    /// <exception cref="PortalException">The user does not exist.</exception>
    Task<string> ResetPasswordAsync(ClaimsPrincipal caller, Guid userId, CancellationToken cancellationToken);

    Task<IReadOnlyList<MachineClientView>> ListClientsAsync(ClaimsPrincipal caller, CancellationToken cancellationToken);

    /// <summary>The scopes a machine client may be given.</summary>
    IReadOnlyList<string> ClientScopes { get; }

    /// <exception cref="PortalException">The name is invalid or no valid scope was given.</exception>
    Task<OneTimeSecret<MachineClientView>> CreateClientAsync(ClaimsPrincipal caller, string name, IReadOnlyList<string> scopes, CancellationToken cancellationToken);

    /// <exception cref="PortalException">The client does not exist or is revoked.</exception>
    Task<OneTimeSecret<MachineClientView>> RotateClientSecretAsync(ClaimsPrincipal caller, Guid clientId, CancellationToken cancellationToken);

    /// <exception cref="PortalException">The client does not exist or is revoked already.</exception>
    Task RevokeClientAsync(ClaimsPrincipal caller, Guid clientId, CancellationToken cancellationToken);
}
