using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Proxus.Server.Data;
using Proxus.Server.Identity;

namespace Proxus.Server.Telemetry;

/// <summary>
/// Object-level access to telemetry: a tag belongs to the site whose UNS namespace it lies below,
/// and a caller reads it only when <see cref="SiteAccess"/> lets them see that site (OtEngineers
/// their assigned sites, every other role and machine clients every site). A tag below no site of
/// the caller's, whether it exists or not, is answered like an unknown one.
/// </summary>
public sealed class TagAccess(SiteAccess sites, IDbContextFactory<ProxusDbContext> contexts)
{
    public async Task<TagScope> ScopeAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (await sites.VisibleSitesAsync(principal, cancellationToken) is not { } visible)
        {
            return TagScope.Everything;
        }

        if (visible.Count == 0)
        {
            return TagScope.Below([]);
        }

        var ids = visible.ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var namespaces = await db.SiteNamespaces.AsNoTracking()
            .Where(n => ids.Contains(n.SiteId))
            .Select(n => new { n.Enterprise, n.Name })
            .ToListAsync(cancellationToken);
        return TagScope.Below(namespaces.Select(n => n.Enterprise + "/" + n.Name));
    }
}
