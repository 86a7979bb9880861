using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Proxus.Server.Data;

namespace Proxus.Server.Identity;

/// <summary>
/// Object-level access to sites: Admin, Approver, Auditor, Viewer and machine clients see every
/// site; an OtEngineer only the sites assigned to them. Callers answer 404 for a site outside the
/// caller's set, so its existence is not revealed.
/// </summary>
public sealed class SiteAccess(IDbContextFactory<ProxusDbContext> contexts, UserManager<ProxusUser> users)
{
    /// <summary>The site ids the caller may see, or null for all of them.</summary>
    public async Task<IReadOnlySet<Guid>?> VisibleSitesAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (principal.Identity?.AuthenticationType == AccessTokenAuthenticationHandler.SchemeName
            || Roles.All.Where(r => r != Roles.OtEngineer).Any(principal.IsInRole))
        {
            return null;
        }

        if (!principal.IsInRole(Roles.OtEngineer) || !Guid.TryParse(users.GetUserId(principal), out var userId))
        {
            return new HashSet<Guid>();
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await db.UserSites.Where(s => s.UserId == userId).Select(s => s.SiteId).ToListAsync(cancellationToken)).ToHashSet();
    }

    public async Task<bool> CanSeeAsync(ClaimsPrincipal principal, Guid siteId, CancellationToken cancellationToken)
        => await VisibleSitesAsync(principal, cancellationToken) is not { } visible || visible.Contains(siteId);
}
