namespace Proxus.TestSupport;

/// <summary>What an administrator hands an OT engineer to install an agent: the site, the agent and its one-time enrollment token.</summary>
public sealed record AgentRegistration(Guid SiteId, Guid AgentId, string EnrollmentToken);
