using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Proxus.Server.Identity;

namespace Proxus.Server.Writes;

/// <summary>The person acting on a write request: their user id, audit name and roles.</summary>
public sealed record WriteCaller(Guid UserId, string Actor, IReadOnlySet<string> Roles)
{
    public bool IsAdmin => Roles.Contains(Identity.Roles.Admin);

    public bool MayRequest => IsAdmin || Roles.Contains(Identity.Roles.OtEngineer);

    public bool MayApprove => Roles.Contains(Identity.Roles.Approver);

    /// <summary>The caller of an HTTP request (a signed-in person; machine clients never act on writes).</summary>
    public static WriteCaller Of(ClaimsPrincipal principal, UserManager<ProxusUser> users)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(users);
        if (!Guid.TryParse(users.GetUserId(principal), out var id) || principal.FindFirst(ProxusClaimTypes.ClientId) is not null)
        {
            throw new WriteRequestException(WriteErrorKind.Forbidden, "Only a signed-in person acts on write requests.");
        }

        var roles = Identity.Roles.All.Where(principal.IsInRole).ToHashSet(StringComparer.Ordinal);
        return new WriteCaller(id, $"user:{principal.Identity?.Name ?? id.ToString("D")}", roles);
    }
}
