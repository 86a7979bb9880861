namespace Proxus.Server.Fleet;

/// <summary>What <see cref="FleetService.DeleteAgentAsync"/> did.</summary>
public enum AgentDeletion
{
    /// <summary>The agent is gone from the fleet; its records stay.</summary>
    Deleted,

    /// <summary>No such agent, or it was deleted already.</summary>
    NotFound,

    /// <summary>The agent holds a certificate that is not revoked: revoke it first.</summary>
    HoldsLiveCertificate,
}
