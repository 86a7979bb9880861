namespace Proxus.Server.Configuration;

/// <summary>A signed configuration envelope that was just issued to an agent.</summary>
/// <param name="AgentId">The agent it is for.</param>
/// <param name="SiteId">The agent's site.</param>
/// <param name="Version">The envelope's version (monotonic per agent).</param>
/// <param name="TagMapVersion">The site's tag-map version it was compiled from.</param>
/// <param name="ExpiresAt">When the envelope stops being valid.</param>
/// <param name="Cause">Why it was issued.</param>
public sealed record IssuedAgentConfig(Guid AgentId, Guid SiteId, long Version, int TagMapVersion, DateTimeOffset ExpiresAt, AgentConfigIssueCause Cause);
