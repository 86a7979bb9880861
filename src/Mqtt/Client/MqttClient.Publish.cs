using Proxus.Mqtt.Client.Internal;
using Proxus.Mqtt.Formatting;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Client;

/// <summary>Outbound application messages: QoS 0 fire-and-forget, QoS 1/2 within the server's Receive Maximum.</summary>
public sealed partial class MqttClient
{
    /// <summary>
    /// Publishes a message. QoS 0 completes once queued (it needs a connection); QoS 1 completes
    /// with the PUBACK reason code and QoS 2 with the PUBCOMP reason code (or the PUBREC failure
    /// code). A QoS 1/2 message published while the client reconnects waits and is sent on the
    /// next connection. A reason code of 0x80 or more means the server refused the message.
    /// </summary>
    public ValueTask<MqttReasonCode> PublishAsync(string topic, ReadOnlyMemory<byte> payload, MqttQualityOfService qualityOfService = MqttQualityOfService.AtMostOnce, bool retain = false, CancellationToken cancellationToken = default)
        => PublishAsync(new PublishPacket { Topic = topic, Payload = payload, QualityOfService = qualityOfService, Retain = retain }, cancellationToken);

    /// <inheritdoc cref="PublishAsync(string, ReadOnlyMemory{byte}, MqttQualityOfService, bool, CancellationToken)"/>
    public ValueTask<MqttReasonCode> PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return PublishAsync(message.ToPacket(), cancellationToken);
    }

    private ValueTask<MqttReasonCode> PublishAsync(PublishPacket packet, CancellationToken cancellationToken)
    {
        CheckPublishable(packet);
        if (packet.QualityOfService != MqttQualityOfService.AtMostOnce)
        {
            return PublishReliableAsync(packet, cancellationToken);
        }

        CheckSize(packet);
        var connection = Volatile.Read(ref _connection) ?? throw NotConnected();
        var queued = connection.EnqueueAtMostOnceAsync(packet, cancellationToken);
        return queued.IsCompletedSuccessfully ? new ValueTask<MqttReasonCode>(MqttReasonCode.Success) : AwaitQueuedAsync(queued);

        static async ValueTask<MqttReasonCode> AwaitQueuedAsync(ValueTask queued)
        {
            await queued.ConfigureAwait(false);
            return MqttReasonCode.Success;
        }
    }

    /// <summary>
    /// Takes a QoS 1/2 message into the session. Its place in the order is fixed here, by the
    /// caller, not by whichever continuation runs first: it is sent at once when the window has
    /// room (the server's Receive Maximum, MQTT 5.0 section 4.9) and otherwise waits in the
    /// backlog, which acknowledgements drain in order. Without a cancellable token the caller
    /// gets the completion itself: no state machine and no thread-pool hop per message (a
    /// publisher of thousands of messages a second settles them in batches).
    /// </summary>
    private ValueTask<MqttReasonCode> PublishReliableAsync(PublishPacket packet, CancellationToken cancellationToken)
    {
        OutboundMessage message;
        try
        {
            message = Submit(packet);
        }
        catch (Exception exception) when (exception is MqttClientException or InvalidOperationException)
        {
            return ValueTask.FromException<MqttReasonCode>(exception);
        }

        return cancellationToken.CanBeCanceled ? AwaitCancellableAsync(message, cancellationToken) : new ValueTask<MqttReasonCode>(message.Completion.Task);
    }

    private OutboundMessage Submit(PublishPacket packet)
    {
        if (_serverMaximumPacketSize != uint.MaxValue)
        {
            CheckSize(packet with { PacketId = 1 });
        }

        lock (_gate)
        {
            if (_state != ClientState.Running)
            {
                throw NotConnected();
            }

            var message = new OutboundMessage(packet, ++_sequence);
            if (_backlog.Count == 0 && _outbound.Count < _inflightLimit)
            {
                StartLocked(message);
            }
            else
            {
                message.BacklogNode = _backlog.AddLast(message);
            }

            return message;
        }
    }

    private async ValueTask<MqttReasonCode> AwaitCancellableAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await message.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            lock (_gate)
            {
                // Still waiting for the window: withdraw it. Already sent: it stays in flight.
                if (message.BacklogNode?.List is not null)
                {
                    _backlog.Remove(message.BacklogNode);
                }
            }

            throw;
        }
    }

    /// <summary>Gives the message a packet identifier, puts it in flight and hands it to the connection, if any.</summary>
    private void StartLocked(OutboundMessage message)
    {
        message.BacklogNode = null;
        message.Packet = message.Packet with { PacketId = AllocatePacketIdLocked() };
        _outbound.Add(message.Packet.PacketId, message);
        if (_connection is { } connection)
        {
            message.Sent = true;
            connection.TryEnqueue(message.Packet);
        }
    }

    /// <summary>Moves backlog messages into flight while the window has room.</summary>
    private void DrainBacklogLocked()
    {
        while (_outbound.Count < _inflightLimit && _backlog.First is { } first)
        {
            _backlog.RemoveFirst();
            StartLocked(first.Value);
        }
    }

    /// <summary>Refuses what the server said it cannot take (CONNACK properties) before it goes on the wire.</summary>
    private void CheckPublishable(PublishPacket packet)
    {
        if (!MqttTopic.IsValidTopicName(packet.Topic))
        {
            throw new ArgumentException($"'{packet.Topic}' is not a valid topic name (empty, wildcard or too long).", nameof(packet));
        }

        if (packet.QualityOfService > _serverMaximumQualityOfService)
        {
            throw new MqttClientException(MqttClientError.NotSupportedByServer, $"The server supports QoS {(int)_serverMaximumQualityOfService} at most.", MqttReasonCode.QoSNotSupported);
        }

        if (packet.Retain && !_serverRetainAvailable)
        {
            throw new MqttClientException(MqttClientError.NotSupportedByServer, "The server does not support retained messages.", MqttReasonCode.RetainNotSupported);
        }
    }

    /// <summary>The server's Maximum Packet Size (5.0 section 3.2.2.3.6): a larger packet is never sent.</summary>
    private void CheckSize(PublishPacket packet)
    {
        var maximum = _serverMaximumPacketSize;
        if (maximum != uint.MaxValue && MqttPacketEncoder.GetEncodedSize(packet, _options.ProtocolVersion) > maximum)
        {
            throw new MqttClientException(MqttClientError.PacketTooLarge, $"The message exceeds the server's Maximum Packet Size of {maximum} bytes.", MqttReasonCode.PacketTooLarge);
        }
    }

    private static MqttClientException NotConnected() => new(MqttClientError.NotConnected, "The client is not connected.");
}
