using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Proxus.Core.Status;
using Proxus.Server.Mqtt;

namespace Proxus.Server.Fleet.Status;

/// <summary>
/// The in-memory <see cref="IAgentStatusStore"/>. <see cref="Apply"/> takes one received status
/// message and keeps it only when it is well formed: the topic is exactly
/// <c>proxus/agents/{agentId}/status</c> (canonical <c>D</c> format), the payload passes
/// <see cref="AgentStatusJson.TryRead"/> and names the same agent. Anything else is refused and
/// logged, and leaves the stored status as it was. The last message received wins: the broker
/// keeps the order of one agent's messages, and a will carries the timestamp of the CONNECT that
/// registered it, so timestamps cannot order birth and will.
/// </summary>
internal sealed partial class AgentStatusStore : IAgentStatusStore
{
    /// <summary>The most agents tracked; status messages of further agents are refused.</summary>
    public const int DefaultMaxAgents = 100_000;

    private const int WatchCapacity = 1024;

    private readonly Dictionary<Guid, AgentStatusEntry> _entries = [];
    private readonly List<Watcher> _watchers = [];
    private readonly object _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<AgentStatusStore> _logger;
    private readonly int _maxAgents;

    public AgentStatusStore(TimeProvider timeProvider, ILogger<AgentStatusStore> logger, int maxAgents = DefaultMaxAgents)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAgents, 1);
        _timeProvider = timeProvider;
        _logger = logger;
        _maxAgents = maxAgents;
    }

    public event EventHandler<AgentStatusChange>? Changed;

    public IReadOnlyCollection<AgentStatusEntry> All
    {
        get { lock (_gate) { return [.. _entries.Values]; } }
    }

    public bool TryGet(Guid agentId, [NotNullWhen(true)] out AgentStatusEntry? entry)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(agentId, out entry);
        }
    }

    public async IAsyncEnumerable<AgentStatusChange> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var watcher = new Watcher(Channel.CreateBounded<AgentStatusChange>(new BoundedChannelOptions(WatchCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        }));
        lock (_gate)
        {
            _watchers.Add(watcher);
        }

        try
        {
            await foreach (var change in watcher.Channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return change;
            }
        }
        finally
        {
            lock (_gate)
            {
                _watchers.Remove(watcher);
            }
        }
    }

    /// <summary>Applies one received status message; false (logged) when it is refused.</summary>
    /// <param name="topic">The PUBLISH topic.</param>
    /// <param name="payload">The PUBLISH payload; empty clears the agent (its retained status was deleted).</param>
    /// <param name="retained">True for a retained message the broker sent because we subscribed (not a live one).</param>
    public bool Apply(string topic, ReadOnlySpan<byte> payload, bool retained)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (!TryParseTopic(topic, out var agentId))
        {
            LogRefused(_logger, TopicText.Printable(topic), "not an agent status topic (proxus/agents/{agentId}/status)");
            return false;
        }

        if (payload.IsEmpty)
        {
            Remove(agentId);
            return true;
        }

        if (!AgentStatusJson.TryRead(payload, out var report, out var error))
        {
            LogRefused(_logger, TopicText.Printable(topic), error);
            return false;
        }

        if (report.AgentId != agentId)
        {
            LogRefused(_logger, TopicText.Printable(topic), $"the report names agent {report.AgentId:D}");
            return false;
        }

        var now = _timeProvider.GetUtcNow();
        var lastSeen = retained && report.Timestamp < now ? report.Timestamp : now;
        return Store(new AgentStatusEntry(report, lastSeen), topic);
    }

    private bool Store(AgentStatusEntry entry, string topic)
    {
        AgentStatusChange change;
        lock (_gate)
        {
            var known = _entries.TryGetValue(entry.AgentId, out var previous);
            if (!known && _entries.Count >= _maxAgents)
            {
                LogRefused(_logger, TopicText.Printable(topic), $"already tracking the most agents ({_maxAgents})");
                return false;
            }

            _entries[entry.AgentId] = entry;
            change = new AgentStatusChange(entry.AgentId, previous, entry);
            Publish(change);
        }

        if (change.OnlineChanged)
        {
            LogOnlineChanged(_logger, entry.AgentId, entry.Report.State, entry.Report.Reason);
        }

        return true;
    }

    private void Remove(Guid agentId)
    {
        lock (_gate)
        {
            if (!_entries.Remove(agentId, out var previous))
            {
                return;
            }

            Publish(new AgentStatusChange(agentId, previous, current: null));
        }

        LogCleared(_logger, agentId);
    }

    /// <summary>Under the gate, so that every watcher and handler sees one agent's changes in order.</summary>
    private void Publish(AgentStatusChange change)
    {
        foreach (var watcher in _watchers)
        {
            watcher.Offer(change);
        }

        Changed?.Invoke(this, change);
    }

    private static bool TryParseTopic(string topic, out Guid agentId)
    {
        agentId = Guid.Empty;
        var prefix = AgentTopics.Root + "/";
        var suffix = "/" + AgentTopics.StatusLevel;
        if (topic.Length != prefix.Length + 36 + suffix.Length
            || !topic.StartsWith(prefix, StringComparison.Ordinal)
            || !topic.EndsWith(suffix, StringComparison.Ordinal))
        {
            return false;
        }

        var id = topic.AsSpan(prefix.Length, 36);
        return Guid.TryParseExact(id, "D", out agentId) && id.SequenceEqual(agentId.ToString("D"));
    }

    [LoggerMessage(EventId = 8100, Level = LogLevel.Warning, Message = "Agent status message on '{Topic}' refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = 8101, Level = LogLevel.Information, Message = "Agent {AgentId} is now {State} ({Reason})")]
    private static partial void LogOnlineChanged(ILogger logger, Guid agentId, AgentState state, string? reason);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Information, Message = "Agent {AgentId}: retained status cleared, forgotten")]
    private static partial void LogCleared(ILogger logger, Guid agentId);

    /// <summary>One <see cref="WatchAsync"/> reader: a bounded queue that drops what does not fit and says so.</summary>
    private sealed class Watcher(Channel<AgentStatusChange> channel)
    {
        private bool _missed;

        public Channel<AgentStatusChange> Channel { get; } = channel;

        public void Offer(AgentStatusChange change)
        {
            var offered = _missed ? new AgentStatusChange(change.AgentId, change.Previous, change.Current, missed: true) : change;
            _missed = !Channel.Writer.TryWrite(offered);
        }
    }
}
