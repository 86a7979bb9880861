using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Broker;

internal sealed partial class MqttBrokerConnection
{
    /// <summary>The client's topic aliases, by alias: grown to the highest one it set (at most our Topic Alias Maximum).</summary>
    private string?[] _topicAliases = [];

    /// <summary>
    /// PUBLISH from the client (5.0 section 3.3.4): resolves a topic alias, enforces the receive
    /// window, asks the authorization hook, retains, routes, and acknowledges per QoS (PUBACK, or
    /// PUBREC remembering the packet id so a retransmission is not routed twice, section 4.3.3).
    /// </summary>
    private async ValueTask<bool> HandlePublishAsync(PublishPacket publish)
    {
        var topic = ResolveTopic(publish, out var fromAlias);

        // A topic found by its alias passed this check in the PUBLISH that set the alias.
        if (!fromAlias && !_broker.IsAcceptableTopicName(topic))
        {
            throw new MqttProtocolException(MqttReasonCode.TopicNameInvalid, "The topic name is beyond the broker's limits.");
        }

        var qos = publish.QualityOfService;
        var session = Session!;
        if (qos == MqttQualityOfService.ExactlyOnce)
        {
            if (!session.TryBeginIncomingQoS2(publish.PacketId))
            {
                // A retransmission of a message already routed: acknowledge again, do not route again.
                Send(new PubRecPacket { PacketId = publish.PacketId });
                return true;
            }

            if (session.IncomingQoS2Count > _broker.Options.MaximumInFlightMessages)
            {
                throw new MqttProtocolException(MqttReasonCode.ReceiveMaximumExceeded, "More QoS 2 publishes in flight than Receive Maximum.");
            }
        }

        var allowed = !topic.StartsWith("$SYS", StringComparison.Ordinal)
            && await AuthorizeAsync(topic, qos, publish.Retain, isWill: false).ConfigureAwait(false);
        if (!allowed)
        {
            if (topic.StartsWith("$SYS", StringComparison.Ordinal))
            {
                _broker.ReportDenial(new MqttDenial
                {
                    Kind = MqttDenialKind.Publish,
                    ClientId = ClientId,
                    Identity = Identity,
                    Topic = topic,
                    ReasonCode = MqttReasonCode.NotAuthorized,
                    RemoteEndPoint = Info.RemoteEndPoint,
                });
            }

            return Acknowledge(publish, MqttReasonCode.NotAuthorized);
        }

        var message = new MqttRoutedMessage
        {
            Topic = topic,
            Payload = publish.Payload,
            QualityOfService = qos,
            Retain = publish.Retain,
            PayloadFormat = publish.PayloadFormat,
            ExpiresAt = publish.MessageExpiryInterval is { } expiry ? _broker.Now.AddSeconds(expiry) : null,
            ContentType = publish.ContentType,
            ResponseTopic = publish.ResponseTopic,
            CorrelationData = publish.CorrelationData,
            UserProperties = publish.UserProperties,
            SenderClientId = ClientId,
        };
        _broker.Statistics.AddMessageReceived(qos);
        if (message.Retain)
        {
            _broker.Retain(message);
        }

        MqttRouteOutcome routed;
        while ((routed = _broker.Route(message, session)).Backlogged is { } backlogged)
        {
            // Back-pressure: this connection reads nothing more until the subscriber made room.
            await WaitForRoomAsync(backlogged).ConfigureAwait(false);
        }

        var open = Acknowledge(publish, routed.ReasonCode);
        if (routed.WriteBacklogged)
        {
            // A receiving connection's writer is behind: let it run before reading more.
            await Task.Yield();
        }

        return open;
    }

    /// <summary>
    /// Waits until a subscriber's queue behind its receive window is half drained, so that publishers
    /// are slowed by TCP back-pressure instead of overflowing the bounded queue. A subscriber that
    /// completes no delivery during a whole <see cref="MqttBrokerOptions.SubscriberStallTimeout"/> is
    /// stalled: nobody waits for it until it acknowledges again, and its queue bound drops messages
    /// (counted). One that acknowledges, however slowly, is waited on.
    /// </summary>
    private async ValueTask WaitForRoomAsync(MqttSession subscriber)
    {
        var timeout = _broker.Options.SubscriberStallTimeout;
        while (true)
        {
            var acknowledged = subscriber.AcknowledgedCount;
            var drained = subscriber.WhenQueueDrained(_broker.QueueLowWater);
            if (drained.IsCompleted)
            {
                await Task.Yield();
                return;
            }

            try
            {
                await drained.WaitAsync(timeout, _readCancellation.Token).ConfigureAwait(false);
                return;
            }
            catch (TimeoutException)
            {
                if (subscriber.TryMarkStalled(acknowledged, out var newly))
                {
                    if (newly)
                    {
                        MqttBrokerLog.SubscriberStalled(_logger, subscriber.ClientId, timeout.TotalSeconds);
                    }

                    return;
                }

                // It acknowledged during the wait: slow, not stalled. Keep waiting.
            }
        }
    }

    /// <summary>Answers a PUBLISH; a refusal closes a 3.1.1 connection, which has no way to say it.</summary>
    private bool Acknowledge(PublishPacket publish, MqttReasonCode reasonCode)
    {
        var refused = (byte)reasonCode >= 0x80;
        if (ProtocolVersion != MqttProtocolVersion.V500)
        {
            if (refused)
            {
                Close(reasonCode);
                return false;
            }

            reasonCode = MqttReasonCode.Success;
        }

        switch (publish.QualityOfService)
        {
            case MqttQualityOfService.AtLeastOnce:
                Send(reasonCode == MqttReasonCode.Success ? PubAckPacket.Success(publish.PacketId) : new PubAckPacket { PacketId = publish.PacketId, ReasonCode = reasonCode });
                break;
            case MqttQualityOfService.ExactlyOnce:
                if (refused)
                {
                    // Section 4.3.3: after a failing PUBREC the packet id is free again.
                    Session!.CompleteIncomingQoS2(publish.PacketId);
                }

                Send(new PubRecPacket { PacketId = publish.PacketId, ReasonCode = reasonCode });
                break;
        }

        return true;
    }

    /// <summary>
    /// Topic aliases from the client (5.0 section 3.3.2.3.4), bounded by our Topic Alias Maximum.
    /// <paramref name="fromAlias"/>: the topic is an alias's, set (and checked) by an earlier PUBLISH.
    /// </summary>
    private string ResolveTopic(PublishPacket publish, out bool fromAlias)
    {
        fromAlias = false;
        if (publish.TopicAlias is not { } alias)
        {
            return publish.Topic.Length > 0
                ? publish.Topic
                : throw new MqttProtocolException(MqttReasonCode.ProtocolError, "PUBLISH without a topic name or alias.");
        }

        if (alias == 0 || alias > _broker.Options.TopicAliasMaximum)
        {
            throw new MqttProtocolException(MqttReasonCode.TopicAliasInvalid, $"Topic alias {alias} is outside 1..{_broker.Options.TopicAliasMaximum}.");
        }

        if (publish.Topic.Length > 0)
        {
            if (alias >= _topicAliases.Length)
            {
                Array.Resize(ref _topicAliases, Math.Min(_broker.Options.TopicAliasMaximum + 1, Math.Max(alias + 1, _topicAliases.Length * 2)));
            }

            _topicAliases[alias] = publish.Topic;
            return publish.Topic;
        }

        fromAlias = true;
        return alias < _topicAliases.Length && _topicAliases[alias] is { } topic
            ? topic
            : throw new MqttProtocolException(MqttReasonCode.ProtocolError, $"Topic alias {alias} was never set.");
    }

    private async ValueTask<bool> AuthorizeAsync(string topic, MqttQualityOfService qos, bool retain, bool isWill)
    {
        var context = new MqttPublishAuthorizationContext
        {
            ClientId = ClientId,
            Identity = Identity!,
            Topic = topic,
            QualityOfService = qos,
            Retain = retain,
            IsWill = isWill,
        };
        bool allowed;
        try
        {
            allowed = await _broker.Hooks.AuthorizePublishAsync(context, _readCancellation.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            MqttBrokerLog.HookFailed(_logger, ClientId, ex);
            allowed = false;
        }

        if (!allowed)
        {
            _broker.ReportDenial(new MqttDenial
            {
                Kind = isWill ? MqttDenialKind.Will : MqttDenialKind.Publish,
                ClientId = ClientId,
                Identity = Identity,
                Topic = topic,
                ReasonCode = MqttReasonCode.NotAuthorized,
                RemoteEndPoint = Info.RemoteEndPoint,
            });
        }

        return allowed;
    }
}
