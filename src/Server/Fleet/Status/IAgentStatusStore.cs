using System.Diagnostics.CodeAnalysis;

namespace Proxus.Server.Fleet.Status;

/// <summary>
/// The latest status of every agent, as the agents report it on
/// <c>proxus/agents/{agentId}/status</c> (birth, periodic health, will; docs/agent-status.md).
/// Filled by the server's status consumer; read by the portal, metrics and alerts. In memory per
/// server node: every node subscribes to all status topics (not shared), and the retained
/// messages refill it when the node starts.
/// </summary>
public interface IAgentStatusStore
{
    /// <summary>Every known agent's latest status, in no particular order (a snapshot).</summary>
    IReadOnlyCollection<AgentStatusEntry> All { get; }

    /// <summary>Raised after every accepted change, on the consumer's thread: keep handlers short.</summary>
    event EventHandler<AgentStatusChange>? Changed;

    bool TryGet(Guid agentId, [NotNullWhen(true)] out AgentStatusEntry? entry);

    /// <summary>
    /// The changes from now on, until <paramref name="cancellationToken"/> is canceled. Changes
    /// that arrive while a slow reader has 1,024 unread ones are dropped for that reader; the next
    /// change it reads then has <see cref="AgentStatusChange.Missed"/> set: read <see cref="All"/> again.
    /// </summary>
    IAsyncEnumerable<AgentStatusChange> WatchAsync(CancellationToken cancellationToken);
}
