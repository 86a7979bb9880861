using Proxus.Core.Status;

namespace Proxus.Agent.Uplink;

/// <summary>Builds the agent's status report at the moment it is published.</summary>
public interface IStatusSource
{
    AgentStatusReport Create(AgentState state, string? reason);
}
