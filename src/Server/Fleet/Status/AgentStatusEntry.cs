using Proxus.Core.Status;

namespace Proxus.Server.Fleet.Status;

/// <summary>What the server knows about one agent's status.</summary>
/// <param name="Report">The agent's latest status report (birth, periodic report or will).</param>
/// <param name="LastSeen">
/// When the server received that report; for a retained report delivered when the consumer
/// subscribed, the report's own timestamp (the server cannot know when it was published), never
/// later than the time of receipt.
/// </param>
public sealed record AgentStatusEntry(AgentStatusReport Report, DateTimeOffset LastSeen)
{
    public Guid AgentId => Report.AgentId;

    /// <summary>True between the agent's birth and its will (or clean shutdown report).</summary>
    public bool IsOnline => Report.State == AgentState.Online;
}
