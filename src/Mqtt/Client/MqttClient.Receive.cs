using Proxus.Mqtt.Client.Internal;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Client;

/// <summary>
/// Everything the server sends after CONNACK. Any reply that does not match what we are waiting
/// for — an acknowledgement for a packet identifier not in flight, in the wrong state, or with
/// the wrong number of reason codes — is a protocol violation: the connection is closed and
/// never reused.
/// </summary>
public sealed partial class MqttClient
{
    private ValueTask DispatchAsync(MqttClientConnection connection, MqttPacket packet)
    {
        switch (packet)
        {
            case PublishPacket publish:
                return ReceivePublishAsync(connection, publish);
            case PubAckPacket ack:
                CompleteOutbound(ack, OutboundState.AwaitingPubAck, ack.ReasonCode);
                break;
            case PubRecPacket received:
                OnPubRec(connection, received);
                break;
            case PubCompPacket complete:
                CompleteOutbound(complete, OutboundState.AwaitingPubComp, complete.ReasonCode);
                break;
            case PubRelPacket release:
                OnPubRel(connection, release);
                break;
            case SubAckPacket or UnsubAckPacket:
                CompleteRequest(connection, (MqttPacketWithId)packet);
                break;
            case DisconnectPacket disconnect:
                throw new MqttClientException(
                    MqttClientError.ServerDisconnected,
                    disconnect.ReasonString is { Length: > 0 } text ? $"The server disconnected: {disconnect.ReasonCode} ({text})." : $"The server disconnected: {disconnect.ReasonCode}.",
                    disconnect.ReasonCode);
            default:
                throw new MqttProtocolException(MqttReasonCode.ProtocolError, $"A server must not send {packet.Type} to a connected client.");
        }

        return ValueTask.CompletedTask;
    }

    private ValueTask ReceivePublishAsync(MqttClientConnection connection, PublishPacket publish)
    {
        if (publish.TopicAlias is not null)
        {
            // We announce Topic Alias Maximum 0 (MQTT 5.0 section 3.2.2.3.8).
            throw new MqttProtocolException(MqttReasonCode.TopicAliasInvalid, "The server used a topic alias although the client allows none.");
        }

        var id = publish.PacketId;
        long epoch = 0;
        if (publish.QualityOfService == MqttQualityOfService.ExactlyOnce)
        {
            lock (_gate)
            {
                if (_inboundQos2.TryGetValue(id, out var state))
                {
                    // A resend of a message we hold: acknowledge (now, or when the application takes it), never deliver twice.
                    state.AckConnection = connection;
                    if (state.Taken)
                    {
                        connection.TryEnqueue(new PubRecPacket { PacketId = id });
                    }

                    // Never delivered: its payload is nobody's.
                    connection.ReceivedPayloads?.Release(publish.Payload);
                    return ValueTask.CompletedTask;
                }

                epoch = _epoch;
                _inboundQos2.Add(id, new InboundQos2State(epoch, connection));
            }
        }

        var delivery = new InboundDelivery(
            MqttApplicationMessage.FromPacket(publish),
            publish.QualityOfService == MqttQualityOfService.AtMostOnce ? null : connection,
            id,
            epoch);
        return _deliveries.Writer.TryWrite(delivery) ? ValueTask.CompletedTask : DeliverWhenRoomAsync(connection, delivery);
    }

    private async ValueTask DeliverWhenRoomAsync(MqttClientConnection connection, InboundDelivery delivery)
    {
        connection.BeginBlockedDelivery();
        try
        {
            await _deliveries.Writer.WriteAsync(delivery, connection.Closing).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (delivery.Message.QualityOfService == MqttQualityOfService.ExactlyOnce)
        {
            // Never delivered: forget it so the server's resend is delivered rather than taken for a duplicate.
            lock (_gate)
            {
                if (_inboundQos2.TryGetValue(delivery.PacketId, out var state) && state.Epoch == delivery.Epoch && !state.Taken)
                {
                    _inboundQos2.Remove(delivery.PacketId);
                }
            }

            throw;
        }
        finally
        {
            connection.EndBlockedDelivery();
        }
    }

    /// <summary>The application took a message: now, and only now, it is acknowledged.</summary>
    private void OnMessageTaken(InboundDelivery delivery)
    {
        switch (delivery.Message.QualityOfService)
        {
            case MqttQualityOfService.AtLeastOnce:
                delivery.Connection!.TryEnqueue(PubAckPacket.Success(delivery.PacketId));
                break;
            case MqttQualityOfService.ExactlyOnce:
                MqttClientConnection? target = null;
                lock (_gate)
                {
                    if (_inboundQos2.TryGetValue(delivery.PacketId, out var state) && state.Epoch == delivery.Epoch && !state.Taken)
                    {
                        state.Taken = true;
                        target = state.AckConnection;
                    }
                }

                target?.TryEnqueue(new PubRecPacket { PacketId = delivery.PacketId });
                break;
        }
    }

    private void OnPubRel(MqttClientConnection connection, PubRelPacket release)
    {
        var reason = MqttReasonCode.Success;
        lock (_gate)
        {
            if (_inboundQos2.TryGetValue(release.PacketId, out var state))
            {
                if (!state.Taken)
                {
                    throw new MqttProtocolException(MqttReasonCode.ProtocolError, $"PUBREL for packet identifier {release.PacketId} before we sent PUBREC.");
                }

                _inboundQos2.Remove(release.PacketId);
            }
            else
            {
                // Our PUBCOMP was lost with an earlier connection (MQTT 5.0 section 4.3.3).
                reason = MqttReasonCode.PacketIdentifierNotFound;
            }
        }

        connection.TryEnqueue(new PubCompPacket { PacketId = release.PacketId, ReasonCode = reason });
    }

    private void OnPubRec(MqttClientConnection connection, PubRecPacket received)
    {
        OutboundMessage? refused = null;
        lock (_gate)
        {
            var message = FindOutboundLocked(received, OutboundState.AwaitingPubRec);
            if (received.ReasonCode >= MqttReasonCode.UnspecifiedError)
            {
                _outbound.Remove(received.PacketId);
                DrainBacklogLocked();
                refused = message;
            }
            else
            {
                message.State = OutboundState.AwaitingPubComp;
            }
        }

        if (refused is not null)
        {
            refused.Completion.TrySetResult(received.ReasonCode);
            return;
        }

        connection.TryEnqueue(new PubRelPacket { PacketId = received.PacketId });
    }

    private void CompleteOutbound(MqttPacketWithId ack, OutboundState expected, MqttReasonCode reasonCode)
    {
        OutboundMessage message;
        lock (_gate)
        {
            message = FindOutboundLocked(ack, expected);
            _outbound.Remove(ack.PacketId);
            DrainBacklogLocked();
        }

        // "Packet Identifier not found" answering a PUBREL resent during recovery means the server
        // completed the flow before the connection broke (MQTT 5.0 section 3.7.2.1): delivered.
        if (reasonCode == MqttReasonCode.PacketIdentifierNotFound && message.ReleaseResent)
        {
            reasonCode = MqttReasonCode.Success;
        }

        message.Completion.TrySetResult(reasonCode);
    }

    private OutboundMessage FindOutboundLocked(MqttPacketWithId ack, OutboundState expected)
    {
        if (_outbound.TryGetValue(ack.PacketId, out var message) && message.State == expected)
        {
            return message;
        }

        throw new MqttProtocolException(MqttReasonCode.ProtocolError, $"{ack.Type} for packet identifier {ack.PacketId}, which is not awaiting one.");
    }

    private void CompleteRequest(MqttClientConnection connection, MqttPacketWithId ack)
    {
        PendingRequest? request;
        lock (_gate)
        {
            if (!_requests.TryGetValue(ack.PacketId, out request) || request.Connection != connection
                || (ack is SubAckPacket) != (request.Request is SubscribePacket))
            {
                throw new MqttProtocolException(MqttReasonCode.ProtocolError, $"{ack.Type} for packet identifier {ack.PacketId}, which is not awaiting one.");
            }

            var (expected, actual) = (request.Request, ack) switch
            {
                (SubscribePacket s, SubAckPacket a) => (s.Subscriptions.Count, a.ReasonCodes.Count),
                (UnsubscribePacket u, UnsubAckPacket a) when connection.Version == MqttProtocolVersion.V500 => (u.TopicFilters.Count, a.ReasonCodes.Count),
                _ => (0, 0),
            };
            if (expected != actual)
            {
                throw new MqttProtocolException(MqttReasonCode.ProtocolError, $"{ack.Type} carries {actual} reason codes for {expected} topic filters.");
            }

            _requests.Remove(ack.PacketId);
        }

        request.Completion.TrySetResult(ack);
    }
}
