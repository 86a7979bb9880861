using Proxus.Agent.Uplink;
using Proxus.Core.Status;

namespace Proxus.Agent.Tests.Support;

/// <summary>A status source reporting an otherwise empty report for one agent.</summary>
public sealed class FixedStatusSource(Guid agentId) : IStatusSource
{
    public AgentStatusReport Create(AgentState state, string? reason)
        => new(agentId, state, DateTimeOffset.UtcNow, 0, null, null, 0, 0, 0, 0, 0, [], reason);
}
