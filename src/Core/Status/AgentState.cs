namespace Proxus.Core.Status;

/// <summary>Whether the agent is connected: its birth message says online, its will says offline.</summary>
public enum AgentState
{
    Online,
    Offline,
}
