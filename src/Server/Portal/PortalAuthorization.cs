using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Proxus.Web.Services;

namespace Proxus.Server.Portal;

/// <summary>
/// Defence in depth for the portal's services: every write checks the caller against the IAM
/// policy itself, so a page that forgot its attribute still cannot change anything.
/// </summary>
internal sealed class PortalAuthorization(IAuthorizationService authorization)
{
    /// <exception cref="PortalException">The caller does not meet <paramref name="policy"/>.</exception>
    public async Task RequireAsync(ClaimsPrincipal caller, string policy)
    {
        if (!(await authorization.AuthorizeAsync(caller, policy)).Succeeded)
        {
            throw new PortalException("Your role does not allow this.");
        }
    }
}
