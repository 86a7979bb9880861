namespace Proxus.Server.Fleet.Status;

/// <summary>One accepted change of an agent's status.</summary>
public sealed class AgentStatusChange : EventArgs
{
    public AgentStatusChange(Guid agentId, AgentStatusEntry? previous, AgentStatusEntry? current, bool missed = false)
    {
        AgentId = agentId;
        Previous = previous;
        Current = current;
        Missed = missed;
    }

    public Guid AgentId { get; }

    /// <summary>The status before the change; null for an agent seen for the first time.</summary>
    public AgentStatusEntry? Previous { get; }

    /// <summary>The status after the change; null when the agent's retained status was cleared (an empty retained message).</summary>
    public AgentStatusEntry? Current { get; }

    /// <summary>Watchers only: changes before this one were dropped because the watcher fell behind.</summary>
    public bool Missed { get; }

    /// <summary>True when the agent went from offline (or unknown) to online or back.</summary>
    public bool OnlineChanged => (Previous?.IsOnline ?? false) != (Current?.IsOnline ?? false);
}
