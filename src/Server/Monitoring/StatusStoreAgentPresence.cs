using Proxus.Server.Fleet.Status;

namespace Proxus.Server.Monitoring;

/// <summary>
/// Agent presence from the agent status store (<see cref="IAgentStatusStore"/>, the retained status
/// messages): an agent whose latest report is offline (its will, or a clean shutdown) has been
/// offline since the server received that report. The store is resolved when first needed, since it
/// is registered by the status consumer (<c>AddProxusAgentStatus</c>); a host without it knows no
/// presence, and the agent-offline rule raises nothing there.
/// </summary>
internal sealed class StatusStoreAgentPresence(IServiceProvider services) : IAgentPresenceSource
{
    private readonly Lazy<IAgentStatusStore?> _store = new(services.GetService<IAgentStatusStore>);

    public IReadOnlyList<AgentPresence> Snapshot()
        => _store.Value is { } store
            ? [.. store.All.Select(entry => new AgentPresence(entry.AgentId, entry.IsOnline, entry.LastSeen))]
            : [];
}
