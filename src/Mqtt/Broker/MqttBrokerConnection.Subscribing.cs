using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Broker;

internal sealed partial class MqttBrokerConnection
{
    /// <summary>
    /// SUBSCRIBE (5.0 section 3.8.4): each filter is validated, authorized and added (replacing an
    /// identical one); SUBACK carries one reason code per filter, and retained messages follow it
    /// according to Retain Handling (never for shared subscriptions, section 4.8.2).
    /// </summary>
    private async ValueTask<bool> HandleSubscribeAsync(SubscribePacket subscribe)
    {
        var session = Session!;
        var reasonCodes = new MqttReasonCode[subscribe.Subscriptions.Count];
        List<MqttSessionSubscription>? retainedFor = null;
        for (var i = 0; i < reasonCodes.Length; i++)
        {
            var requested = subscribe.Subscriptions[i];
            if (!_broker.IsAcceptableTopicFilter(requested.TopicFilter))
            {
                reasonCodes[i] = MqttReasonCode.TopicFilterInvalid;
                continue;
            }

            var (matchingFilter, shareGroup) = MqttSharedSubscription.Parse(requested.TopicFilter);
            if (shareGroup is not null && requested.NoLocal)
            {
                throw new MqttProtocolException(MqttReasonCode.ProtocolError, "No Local on a shared subscription (section 3.8.3.1).");
            }

            if (!await AuthorizeSubscribeAsync(requested.TopicFilter, matchingFilter, shareGroup).ConfigureAwait(false))
            {
                reasonCodes[i] = MqttReasonCode.NotAuthorized;
                continue;
            }

            var options = new MqttStoredSubscription
            {
                TopicFilter = requested.TopicFilter,
                MaximumQualityOfService = requested.MaximumQualityOfService,
                NoLocal = requested.NoLocal,
                RetainAsPublished = requested.RetainAsPublished,
                RetainHandling = requested.RetainHandling,
                SubscriptionIdentifier = subscribe.SubscriptionIdentifier,
            };
            var subscription = new MqttSessionSubscription(session, options, matchingFilter, shareGroup);
            if (!session.TryAddSubscription(subscription, _broker.Options.MaximumSubscriptionsPerClient, out var isNew))
            {
                reasonCodes[i] = MqttReasonCode.QuotaExceeded;
                continue;
            }

            _broker.Subscriptions.Add(subscription);
            if (session.IsDiscarded)
            {
                // Taken over with a clean start meanwhile: the new session does not inherit this.
                _broker.Subscriptions.Remove(subscription);
            }

            reasonCodes[i] = (MqttReasonCode)(byte)requested.MaximumQualityOfService;
            var sendRetained = shareGroup is null && requested.RetainHandling switch
            {
                MqttRetainHandling.SendAtSubscribe => true,
                MqttRetainHandling.SendAtSubscribeIfNew => isNew,
                _ => false,
            };
            if (sendRetained)
            {
                (retainedFor ??= []).Add(subscription);
            }
        }

        Send(new SubAckPacket { PacketId = subscribe.PacketId, ReasonCodes = reasonCodes });
        if (retainedFor is not null)
        {
            foreach (var subscription in retainedFor)
            {
                _broker.DeliverRetained(subscription);
            }
        }

        return true;
    }

    /// <summary>UNSUBSCRIBE (5.0 section 3.10.4): UNSUBACK with Success or No subscription existed per filter.</summary>
    private void HandleUnsubscribe(UnsubscribePacket unsubscribe)
    {
        var reasonCodes = new MqttReasonCode[unsubscribe.TopicFilters.Count];
        for (var i = 0; i < reasonCodes.Length; i++)
        {
            var removed = Session!.RemoveSubscription(unsubscribe.TopicFilters[i]);
            if (removed is not null)
            {
                _broker.Subscriptions.Remove(removed);
            }

            reasonCodes[i] = removed is null ? MqttReasonCode.NoSubscriptionExisted : MqttReasonCode.Success;
        }

        Send(new UnsubAckPacket { PacketId = unsubscribe.PacketId, ReasonCodes = reasonCodes });
    }

    private async ValueTask<bool> AuthorizeSubscribeAsync(string topicFilter, string matchingFilter, string? shareGroup)
    {
        var context = new MqttSubscribeAuthorizationContext
        {
            ClientId = ClientId,
            Identity = Identity!,
            TopicFilter = topicFilter,
            MatchingFilter = matchingFilter,
            ShareGroup = shareGroup,
        };
        bool allowed;
        try
        {
            allowed = await _broker.Hooks.AuthorizeSubscribeAsync(context, _readCancellation.Token).ConfigureAwait(false);
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
                Kind = MqttDenialKind.Subscribe,
                ClientId = ClientId,
                Identity = Identity,
                Topic = topicFilter,
                ReasonCode = MqttReasonCode.NotAuthorized,
                RemoteEndPoint = Info.RemoteEndPoint,
            });
        }

        return allowed;
    }
}
