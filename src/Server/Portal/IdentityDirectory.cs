using System.Security.Claims;
using Proxus.Server.Api;
using Proxus.Server.Identity;
using Proxus.Web.Services;

namespace Proxus.Server.Portal;

/// <summary>The portal's users and machine clients over <see cref="UserAdministration"/> and <see cref="MachineClientService"/> (Admin only).</summary>
internal sealed class IdentityDirectory(
    UserAdministration administration,
    MachineClientService clients,
    PortalAuthorization authorization) : IIdentityDirectory
{
    public IReadOnlyList<string> ClientScopes => Scopes.All;

    public async Task<IReadOnlyList<UserView>> ListUsersAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        await authorization.RequireAsync(caller, IamPolicies.Admin);
        return (await administration.ListAsync(cancellationToken)).Select(ToView).ToList();
    }

    public async Task<UserView?> GetUserAsync(ClaimsPrincipal caller, Guid userId, CancellationToken cancellationToken)
    {
        await authorization.RequireAsync(caller, IamPolicies.Admin);
        return await administration.GetAsync(userId, cancellationToken) is { } user ? ToView(user) : null;
    }

    public async Task<OneTimeSecret<UserView>> CreateUserAsync(ClaimsPrincipal caller, string userName, IReadOnlyList<string> roles, CancellationToken cancellationToken)
    {
        await authorization.RequireAsync(caller, IamPolicies.Admin);
        var created = await Guard(() => administration.CreateAsync(userName, roles, ApiPrincipal.Actor(caller), cancellationToken));
        return new OneTimeSecret<UserView>(ToView(created.User), created.OneTimePassword);
    }

    public async Task<UserView> SetRolesAsync(ClaimsPrincipal caller, Guid userId, IReadOnlyList<string> roles, CancellationToken cancellationToken)
    {
        await authorization.RequireAsync(caller, IamPolicies.Admin);
        return Found(await Guard(() => administration.SetRolesAsync(userId, roles, ApiPrincipal.Actor(caller), cancellationToken)));
    }

    public async Task<UserView> SetSitesAsync(ClaimsPrincipal caller, Guid userId, IReadOnlyList<Guid> siteIds, CancellationToken cancellationToken)
    {
        await authorization.RequireAsync(caller, IamPolicies.Admin);
        return Found(await Guard(() => administration.SetSitesAsync(userId, siteIds, ApiPrincipal.Actor(caller), cancellationToken)));
    }

    public async Task<UserView> SetDisabledAsync(ClaimsPrincipal caller, Guid userId, bool disabled, CancellationToken cancellationToken)
    {
        await authorization.RequireAsync(caller, IamPolicies.Admin);
        return Found(await Guard(() => administration.SetDisabledAsync(userId, disabled, ApiPrincipal.Actor(caller), cancellationToken)));
    }

    public async Task<string> ResetPasswordAsync(ClaimsPrincipal caller, Guid userId, CancellationToken cancellationToken)
    {
        await authorization.RequireAsync(caller, IamPolicies.Admin);
        return await Guard(() => administration.ResetPasswordAsync(userId, ApiPrincipal.Actor(caller), cancellationToken))
            ?? throw new PortalException("The user does not exist.");
    }

    public async Task<IReadOnlyList<MachineClientView>> ListClientsAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        await authorization.RequireAsync(caller, IamPolicies.Admin);
        return (await clients.ListAsync(cancellationToken)).Select(ToView).ToList();
    }

    public async Task<OneTimeSecret<MachineClientView>> CreateClientAsync(ClaimsPrincipal caller, string name, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        await authorization.RequireAsync(caller, IamPolicies.Admin);
        var issued = await Guard(() => clients.CreateAsync(name, string.Join(' ', scopes), ApiPrincipal.Actor(caller), cancellationToken));
        return new OneTimeSecret<MachineClientView>(ToView(issued.Client), issued.ClientSecret);
    }

    public async Task<OneTimeSecret<MachineClientView>> RotateClientSecretAsync(ClaimsPrincipal caller, Guid clientId, CancellationToken cancellationToken)
    {
        await authorization.RequireAsync(caller, IamPolicies.Admin);
        var issued = await clients.RotateSecretAsync(clientId, ApiPrincipal.Actor(caller), cancellationToken)
            ?? throw new PortalException("The client does not exist or is revoked.");
        return new OneTimeSecret<MachineClientView>(ToView(issued.Client), issued.ClientSecret);
    }

    public async Task RevokeClientAsync(ClaimsPrincipal caller, Guid clientId, CancellationToken cancellationToken)
    {
        await authorization.RequireAsync(caller, IamPolicies.Admin);
        if (!await clients.RevokeAsync(clientId, ApiPrincipal.Actor(caller), cancellationToken))
        {
            throw new PortalException("The client does not exist or is revoked already.");
        }
    }

    private static UserView ToView(UserSummary user) => new(
        user.Id, user.UserName, user.Roles, user.SiteIds, user.IsDisabled, user.MustChangePassword, user.TwoFactorEnabled, user.IsLockedOut, user.CreatedAt);

    private static MachineClientView ToView(MachineClientSummary client) => new(
        client.ClientId, client.Name, client.Scopes, client.SecretVersion, client.CreatedBy, client.CreatedAt, client.RevokedAt);

    private static UserView Found(UserSummary? user) => user is null ? throw new PortalException("The user does not exist.") : ToView(user);

    private static async Task<T> Guard<T>(Func<Task<T>> change)
    {
        try
        {
            return await change();
        }
        catch (IamValidationException e)
        {
            throw new PortalException(e.Message, e.Errors);
        }
    }
}
