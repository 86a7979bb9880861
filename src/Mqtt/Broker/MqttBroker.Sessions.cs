using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Broker;

public sealed partial class MqttBroker
{
    private readonly Lock _sessionsGate = new();
    private readonly Dictionary<string, MqttSession> _sessions = new(StringComparer.Ordinal);

    /// <summary>
    /// Opens the session for a connection that passed authentication (5.0 section 3.1.2.4 Clean
    /// Start, 3.1.4 takeover): an existing connection with the same client id is closed with Session
    /// taken over; the session is resumed unless Clean Start asks for a new one. CONNACK is queued and
    /// the connection attached under the sessions lock, so concurrent CONNECTs of one id serialize.
    /// </summary>
    internal MqttSession OpenSession(MqttBrokerConnection connection, bool cleanStart, uint sessionExpiry, Func<bool, ConnAckPacket> connAck)
    {
        var wills = new List<MqttRoutedMessage>();
        List<MqttSessionSubscription>? discarded = null;
        MqttSession session;
        lock (_sessionsGate)
        {
            _sessions.TryGetValue(connection.ClientId, out var existing);
            if (existing?.Connection is { } previous)
            {
                MqttBrokerLog.SessionTakenOver(_logger, connection.ClientId);
                previous.Close(MqttReasonCode.SessionTakenOver);
                var (will, delay) = previous.TakeWill();
                existing.Detach(previous, null, 0);

                // Section 3.1.2.5: a new connection before the will delay elapsed cancels the will,
                // unless the session ends (clean start) or there was no delay.
                if (will is not null && (delay == 0 || cleanStart))
                {
                    wills.Add(will);
                }
            }

            var present = existing is not null && !cleanStart;
            if (present)
            {
                session = existing!;
                session.SessionExpiryInterval = sessionExpiry;
            }
            else
            {
                if (existing is not null)
                {
                    if (existing.TakeDueWill(Now, force: true) is { } pending)
                    {
                        wills.Add(pending);
                    }

                    discarded = existing.Discard();
                    _store?.RemoveSession(existing.ClientId);
                }

                session = new MqttSession(this, connection.ClientId, sessionExpiry);
                _sessions[connection.ClientId] = session;
            }

            connection.Send(connAck(present));
            connection.MarkConnected();
            session.Attach(connection);
        }

        RemoveSubscriptions(discarded);
        PublishWills(wills);
        return session;
    }

    /// <summary>
    /// A connection ended: its session goes offline (kept for its expiry interval and saved) or ends
    /// at once (expiry 0); the will is published now or scheduled after its delay.
    /// </summary>
    internal void OnConnectionEnded(MqttBrokerConnection connection)
    {
        var session = connection.Session;
        if (session is null)
        {
            return;
        }

        MqttBrokerLog.ClientDisconnected(_logger, connection.ClientId, connection.CloseReason);
        var (will, delay) = connection.TakeWill();
        MqttRoutedMessage? dueWill;
        List<MqttSessionSubscription>? discarded = null;
        lock (_sessionsGate)
        {
            if (!session.Detach(connection, will, delay))
            {
                // Taken over: the takeover already decided about this connection's will.
                return;
            }

            if (session.SessionExpiryInterval == 0)
            {
                dueWill = session.TakeDueWill(Now, force: true);
                discarded = EndSessionLocked(session);
            }
            else
            {
                dueWill = session.TakeDueWill(Now, force: false);
                _store?.SaveSession(session.ToState());
            }
        }

        RemoveSubscriptions(discarded);
        if (dueWill is not null)
        {
            PublishWills([dueWill]);
        }
    }

    /// <summary>Messages waiting behind a receive window or for an offline client, over every session (a snapshot).</summary>
    public long QueuedMessageCount
    {
        get
        {
            long total = 0;
            lock (_sessionsGate)
            {
                foreach (var session in _sessions.Values)
                {
                    total += session.PendingHint;
                }
            }

            return total;
        }
    }

    private List<MqttSessionSubscription> EndSessionLocked(MqttSession session)
    {
        if (_sessions.TryGetValue(session.ClientId, out var current) && current == session)
        {
            _sessions.Remove(session.ClientId);
            _store?.RemoveSession(session.ClientId);
        }

        return session.Discard();
    }

    private void RemoveSubscriptions(List<MqttSessionSubscription>? subscriptions)
    {
        if (subscriptions is null)
        {
            return;
        }

        foreach (var subscription in subscriptions)
        {
            Subscriptions.Remove(subscription);
        }
    }

    private void PublishWills(List<MqttRoutedMessage> wills)
    {
        foreach (var will in wills)
        {
            MqttBrokerLog.WillPublished(_logger, will.SenderClientId, will.Topic);
            if (will.Retain)
            {
                Retain(will);
            }

            Route(will);
        }
    }

    private void Restore(MqttBrokerSnapshot snapshot)
    {
        foreach (var message in snapshot.RetainedMessages)
        {
            _retained[message.Topic] = message;
        }

        lock (_sessionsGate)
        {
            foreach (var state in snapshot.Sessions)
            {
                var session = new MqttSession(this, state.ClientId, state.SessionExpiryInterval);
                foreach (var subscription in session.Restore(state))
                {
                    Subscriptions.Add(subscription);
                }

                _sessions[state.ClientId] = session;
            }
        }
    }

    private void SaveAllSessions()
    {
        lock (_sessionsGate)
        {
            foreach (var session in _sessions.Values)
            {
                if (session.SessionExpiryInterval > 0)
                {
                    _store!.SaveSession(session.ToState());
                }
            }
        }
    }
}
