using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Broker;

internal sealed partial class MqttSession
{
    /// <summary>
    /// Delivers one message to this session: sent at once when the client is connected and its
    /// receive window (Receive Maximum, section 4.9) has room, queued (QoS 1/2, bounded) otherwise.
    /// </summary>
    public MqttDeliveryResult Deliver(MqttOutboundMessage message)
    {
        var now = _broker.Now;
        lock (_gate)
        {
            if (IsDiscarded)
            {
                return MqttDeliveryResult.Skipped;
            }

            var connection = _connection;
            if (message.QualityOfService == MqttQualityOfService.AtMostOnce)
            {
                // QoS 0 is never queued for an offline client (section 3.1.2.4 leaves it optional), and
                // is dropped for a client that stopped reading rather than growing its backlog.
                if (connection is null)
                {
                    return MqttDeliveryResult.Skipped;
                }

                if (connection.OutboundBacklog >= _broker.Options.MaximumQueuedMessages + _broker.Options.MaximumInFlightMessages)
                {
                    return MqttDeliveryResult.Dropped;
                }

                return TrySendLocked(connection, message, now) ? MqttDeliveryResult.Sent : MqttDeliveryResult.Skipped;
            }

            if (connection is not null && _queued.Count == 0 && _inFlight.Count < connection.SendQuota)
            {
                return TrySendLocked(connection, message, now) ? MqttDeliveryResult.Sent : MqttDeliveryResult.Skipped;
            }

            if (_queued.Count >= _broker.Options.MaximumQueuedMessages)
            {
                return MqttDeliveryResult.Dropped;
            }

            _queued.Enqueue(message);
            if (connection is null)
            {
                IsDirty = true;
            }

            return MqttDeliveryResult.Queued;
        }
    }

    /// <summary>PUBACK for a QoS 1 delivery: the message is done.</summary>
    public void OnPubAck(ushort packetId)
    {
        lock (_gate)
        {
            if (_inFlight.TryGetValue(packetId, out var message) && message.QualityOfService == MqttQualityOfService.AtLeastOnce)
            {
                _inFlight.Remove(packetId);
                OnAcknowledgedLocked();
                PumpLocked(_broker.Now);
            }
        }
    }

    /// <summary>
    /// PUBREC for a QoS 2 delivery: answers PUBREL (PacketIdentifierNotFound when unknown, 5.0 section
    /// 3.6.2.1); a failure reason code ends the delivery (section 4.3.3).
    /// </summary>
    public PubRelPacket OnPubRec(ushort packetId, MqttReasonCode reasonCode)
    {
        lock (_gate)
        {
            if (!_inFlight.TryGetValue(packetId, out var message) || message.QualityOfService != MqttQualityOfService.ExactlyOnce)
            {
                return new PubRelPacket { PacketId = packetId, ReasonCode = MqttReasonCode.PacketIdentifierNotFound };
            }

            if ((byte)reasonCode >= 0x80)
            {
                _inFlight.Remove(packetId);
                PumpLocked(_broker.Now);
                return new PubRelPacket { PacketId = packetId, ReasonCode = MqttReasonCode.PacketIdentifierNotFound };
            }

            message.Released = true;
            return new PubRelPacket { PacketId = packetId };
        }
    }

    /// <summary>PUBCOMP for a QoS 2 delivery: the message is done.</summary>
    public void OnPubComp(ushort packetId)
    {
        lock (_gate)
        {
            if (_inFlight.TryGetValue(packetId, out var message) && message.Released)
            {
                _inFlight.Remove(packetId);
                OnAcknowledgedLocked();
                PumpLocked(_broker.Now);
            }
        }
    }

    /// <summary>Remembers an incoming QoS 2 packet id; false when it is a retransmission already routed.</summary>
    public bool TryBeginIncomingQoS2(ushort packetId)
    {
        lock (_gate)
        {
            return _incomingQoS2.Add(packetId);
        }
    }

    public int IncomingQoS2Count
    {
        get { lock (_gate) { return _incomingQoS2.Count; } }
    }

    /// <summary>PUBREL from the client: the id is free again; false when it was not pending.</summary>
    public bool CompleteIncomingQoS2(ushort packetId)
    {
        lock (_gate)
        {
            return _incomingQoS2.Remove(packetId);
        }
    }

    /// <summary>Moves queued messages into the receive window while it has room.</summary>
    private void PumpLocked(DateTimeOffset now)
    {
        var connection = _connection;
        if (connection is null)
        {
            return;
        }

        while (_inFlight.Count < connection.SendQuota && _queued.TryDequeue(out var message))
        {
            // Section 3.3.2.3.3: an expired message whose onward delivery has not started is dropped.
            if (!message.IsExpired(now))
            {
                TrySendLocked(connection, message, now);
            }
        }

        SignalDrainedLocked();
    }

    /// <summary>
    /// Sends a message, giving QoS 1/2 a packet id and a place in flight. A message larger than the
    /// client's Maximum Packet Size is discarded as if delivered (5.0 section 3.1.2.11.4).
    /// </summary>
    private bool TrySendLocked(MqttBrokerConnection connection, MqttOutboundMessage message, DateTimeOffset now)
    {
        if (message.QualityOfService != MqttQualityOfService.AtMostOnce)
        {
            message.PacketId = NextPacketIdLocked();
        }

        var packet = message.ToPacket(now, duplicate: false);
        if (!connection.Accepts(packet))
        {
            message.PacketId = 0;
            return false;
        }

        if (message.QualityOfService != MqttQualityOfService.AtMostOnce)
        {
            _inFlight.Set(message);
        }

        connection.Send(packet);
        return true;
    }

    private ushort NextPacketIdLocked()
    {
        // A send needs room in a window of at most 65535, so at most 65534 ids are taken: a free one exists.
        do
        {
            _lastPacketId = _lastPacketId == ushort.MaxValue ? (ushort)1 : (ushort)(_lastPacketId + 1);
        }
        while (_inFlight.Contains(_lastPacketId));

        return _lastPacketId;
    }
}
