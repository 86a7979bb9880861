using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Proxus.Server.Identity;

/// <summary>Identity's claims (id, name, roles, security stamp) plus <see cref="ProxusClaimTypes.MustChangePassword"/>.</summary>
internal sealed class ProxusUserClaimsPrincipalFactory(
    UserManager<ProxusUser> userManager,
    RoleManager<ProxusRole> roleManager,
    IOptions<IdentityOptions> options) : UserClaimsPrincipalFactory<ProxusUser, ProxusRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ProxusUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(ProxusClaimTypes.MustChangePassword, "true"));
        }

        return identity;
    }
}
