namespace Proxus.Server.Monitoring;

/// <summary>Whether each known agent is connected, and since when (the agent-offline rule).</summary>
internal interface IAgentPresenceSource
{
    IReadOnlyList<AgentPresence> Snapshot();
}
