using System.Security.Claims;

namespace Proxus.Web.Services;

/// <summary>
/// Sites, agents, enrollment tokens, revocation and deletion. Reads return only what the caller may see
/// (an OtEngineer sees their sites); writes need the Admin role and are audited by the server.
/// </summary>
public interface IFleetDirectory
{
    /// <summary>The sites the caller may see, by name, each with its agents.</summary>
    Task<IReadOnlyList<SiteView>> ListSitesAsync(ClaimsPrincipal caller, CancellationToken cancellationToken);

    /// <summary>The agent with its certificates and configuration versions; null if it does not exist or is outside the caller's sites.</summary>
    Task<AgentDetailView?> GetAgentAsync(ClaimsPrincipal caller, Guid agentId, CancellationToken cancellationToken);

    /// <exception cref="PortalException">The name or prefix is invalid or the prefix is taken.</exception>
    Task<SiteView> CreateSiteAsync(ClaimsPrincipal caller, string name, string? unsPrefix, CancellationToken cancellationToken);

    /// <exception cref="PortalException">The name is invalid or the site does not exist.</exception>
    Task<AgentView> CreateAgentAsync(ClaimsPrincipal caller, Guid siteId, string name, CancellationToken cancellationToken);

    /// <summary>A one-time enrollment token; its text is shown once and never stored.</summary>
    /// <exception cref="PortalException">The agent does not exist or the lifetime is out of range.</exception>
    Task<EnrollmentTokenView> CreateEnrollmentTokenAsync(ClaimsPrincipal caller, Guid agentId, TimeSpan lifetime, CancellationToken cancellationToken);

    /// <summary>Revokes every live certificate of the agent; the serial numbers revoked.</summary>
    /// <exception cref="PortalException">The agent does not exist.</exception>
    Task<IReadOnlyList<string>> RevokeAgentAsync(ClaimsPrincipal caller, Guid agentId, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes a revoked or never-enrolled agent from the fleet; the audit log and its history keep
    /// the record, and its revoked certificates stay on the revocation list.
    /// </summary>
    /// <exception cref="PortalException">The agent does not exist or still holds a certificate that is not revoked.</exception>
    Task DeleteAgentAsync(ClaimsPrincipal caller, Guid agentId, CancellationToken cancellationToken);
}
