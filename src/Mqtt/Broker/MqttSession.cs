using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Broker;

/// <summary>
/// The server side of an MQTT session (MQTT 5.0 section 4.1): subscriptions, QoS 1/2 messages in
/// flight and queued, QoS 2 packet ids received, and the connection currently attached. All state is
/// guarded by one lock; deliveries from publishers and acknowledgements from the client both take it,
/// which keeps the per-session order of messages (section 4.6).
/// </summary>
internal sealed partial class MqttSession
{
    private readonly Lock _gate = new();
    private readonly MqttBroker _broker;
    private readonly Dictionary<string, MqttSessionSubscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly MqttInFlightMessages _inFlight = new();
    private readonly Queue<MqttOutboundMessage> _queued = new();
    private readonly HashSet<ushort> _incomingQoS2 = [];
    private MqttBrokerConnection? _connection;
    private ushort _lastPacketId;
    private volatile bool _isConnected;

    public MqttSession(MqttBroker broker, string clientId, uint sessionExpiryInterval)
    {
        _broker = broker;
        ClientId = clientId;
        SessionExpiryInterval = sessionExpiryInterval;
    }

    public string ClientId { get; }

    /// <summary>Seconds the session outlives its connection; 0 ends it with the connection.</summary>
    public uint SessionExpiryInterval { get; set; }

    /// <summary>When the last connection ended; null while connected.</summary>
    public DateTimeOffset? DisconnectedAt { get; private set; }

    /// <summary>A will waiting for its delay (5.0 section 3.1.3.2.2) after the connection ended.</summary>
    public MqttRoutedMessage? PendingWill { get; private set; }

    public DateTimeOffset PendingWillDueAt { get; private set; }

    /// <summary>Read without the lock by shared-subscription round-robin.</summary>
    public bool IsConnected => _isConnected;

    /// <summary>Set when the persisted copy is out of date.</summary>
    public bool IsDirty { get; set; }

    /// <summary>True once the session was discarded; a late delivery to it is ignored.</summary>
    public bool IsDiscarded { get; private set; }

    /// <summary>Messages waiting behind the receive window; read without the lock, as a load hint only.</summary>
    public int PendingHint => _queued.Count;

    /// <summary>The attached connection; read without the lock (a reference read is atomic).</summary>
    public MqttBrokerConnection? Connection => Volatile.Read(ref _connection);

    public bool IsExpired(DateTimeOffset now)
        => DisconnectedAt is { } at && SessionExpiryInterval != uint.MaxValue && at.AddSeconds(SessionExpiryInterval) <= now;

    /// <summary>
    /// Attaches a connection: resends what was in flight (PUBLISH with DUP, or PUBREL; section 4.4)
    /// in the original order, then releases queued messages into the receive window.
    /// </summary>
    public void Attach(MqttBrokerConnection connection)
    {
        var now = _broker.Now;
        lock (_gate)
        {
            Volatile.Write(ref _connection, connection);
            _isConnected = true;
            Volatile.Write(ref _stalled, false);
            DisconnectedAt = null;
            PendingWill = null;
            foreach (var message in _inFlight)
            {
                connection.Send(message.Released
                    ? new PubRelPacket { PacketId = message.PacketId }
                    : message.ToPacket(now, duplicate: true));
            }

            PumpLocked(now);
        }
    }

    /// <summary>Detaches the connection if it is still the attached one; false after a takeover.</summary>
    public bool Detach(MqttBrokerConnection connection, MqttRoutedMessage? will, uint willDelay)
    {
        lock (_gate)
        {
            if (_connection != connection)
            {
                return false;
            }

            Volatile.Write(ref _connection, null);
            _isConnected = false;
            ReleaseDrainWaitersLocked();
            var now = _broker.Now;
            DisconnectedAt = now;
            IsDirty = true;
            if (will is not null)
            {
                PendingWill = will;
                PendingWillDueAt = now.AddSeconds(Math.Min(willDelay, SessionExpiryInterval));
            }

            return true;
        }
    }

    /// <summary>Takes the pending will if it is due (or unconditionally when <paramref name="force"/>).</summary>
    public MqttRoutedMessage? TakeDueWill(DateTimeOffset now, bool force)
    {
        lock (_gate)
        {
            if (PendingWill is null || (!force && PendingWillDueAt > now))
            {
                return null;
            }

            var will = PendingWill;
            PendingWill = null;
            return will;
        }
    }

    /// <summary>Marks the session discarded and returns its subscriptions for removal from the tree.</summary>
    public List<MqttSessionSubscription> Discard()
    {
        lock (_gate)
        {
            IsDiscarded = true;
            ReleaseDrainWaitersLocked();
            var subscriptions = _subscriptions.Values.ToList();
            _subscriptions.Clear();
            _queued.Clear();
            _inFlight.Clear();
            return subscriptions;
        }
    }

    /// <summary>Adds or replaces a subscription; false (and nothing changed) when the limit is reached.</summary>
    public bool TryAddSubscription(MqttSessionSubscription subscription, int maximum, out bool isNew)
    {
        lock (_gate)
        {
            isNew = !_subscriptions.ContainsKey(subscription.TopicFilter);
            if (isNew && _subscriptions.Count >= maximum)
            {
                return false;
            }

            _subscriptions[subscription.TopicFilter] = subscription;
            IsDirty = true;
            return true;
        }
    }

    public MqttSessionSubscription? RemoveSubscription(string topicFilter)
    {
        lock (_gate)
        {
            if (_subscriptions.Remove(topicFilter, out var removed))
            {
                IsDirty = true;
            }

            return removed;
        }
    }

    /// <summary>A snapshot for the store; clears <see cref="IsDirty"/>.</summary>
    public MqttSessionState ToState()
    {
        lock (_gate)
        {
            IsDirty = false;
            var messages = new List<MqttStoredMessage>(_inFlight.Count + _queued.Count);
            foreach (var message in _inFlight)
            {
                messages.Add(message.ToStored());
            }

            foreach (var message in _queued)
            {
                messages.Add(message.ToStored());
            }

            return new MqttSessionState
            {
                ClientId = ClientId,
                SessionExpiryInterval = SessionExpiryInterval,
                DisconnectedAt = DisconnectedAt ?? _broker.Now,
                Subscriptions = _subscriptions.Values.Select(s => s.Options).ToList(),
                Messages = messages,
                PendingIncomingQoS2 = _incomingQoS2.ToList(),
            };
        }
    }

    /// <summary>Restores a stored session (offline) and returns its subscriptions for the tree.</summary>
    public List<MqttSessionSubscription> Restore(MqttSessionState state)
    {
        lock (_gate)
        {
            DisconnectedAt = state.DisconnectedAt ?? _broker.Now;
            foreach (var stored in state.Messages)
            {
                var message = MqttOutboundMessage.FromStored(stored);
                if (message.PacketId != 0)
                {
                    _inFlight.Set(message);
                    _lastPacketId = message.PacketId;
                }
                else
                {
                    _queued.Enqueue(message);
                }
            }

            foreach (var packetId in state.PendingIncomingQoS2)
            {
                _incomingQoS2.Add(packetId);
            }

            foreach (var options in state.Subscriptions)
            {
                var (matchingFilter, shareGroup) = MqttSharedSubscription.Parse(options.TopicFilter);
                _subscriptions[options.TopicFilter] = new MqttSessionSubscription(this, options, matchingFilter, shareGroup);
            }

            return _subscriptions.Values.ToList();
        }
    }
}
