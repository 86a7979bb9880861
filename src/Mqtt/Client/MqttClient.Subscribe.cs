using Proxus.Mqtt.Client.Internal;
using Proxus.Mqtt.Formatting;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Client;

/// <summary>SUBSCRIBE / UNSUBSCRIBE round trips and the registry used to restore subscriptions.</summary>
public sealed partial class MqttClient
{
    /// <summary>Subscribes to one filter; returns the granted QoS or failure reason code.</summary>
    public async Task<MqttReasonCode> SubscribeAsync(string topicFilter, MqttQualityOfService maximumQualityOfService = MqttQualityOfService.AtLeastOnce, CancellationToken cancellationToken = default)
    {
        var codes = await SubscribeAsync([new MqttSubscription { TopicFilter = topicFilter, MaximumQualityOfService = maximumQualityOfService }], null, null, cancellationToken).ConfigureAwait(false);
        return codes[0];
    }

    /// <summary>
    /// Subscribes to several filters in one SUBSCRIBE; returns one reason code per filter (granted
    /// QoS 0-2, or 0x80 and above for a refusal). Granted subscriptions are remembered and made
    /// again after a reconnect on which the server did not keep the session.
    /// </summary>
    public async Task<IReadOnlyList<MqttReasonCode>> SubscribeAsync(IReadOnlyList<MqttSubscription> subscriptions, uint? subscriptionIdentifier = null, IReadOnlyList<MqttUserProperty>? userProperties = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        if (subscriptions.Count == 0)
        {
            throw new ArgumentException("At least one subscription is required.", nameof(subscriptions));
        }

        foreach (var subscription in subscriptions)
        {
            if (!MqttTopic.IsValidTopicFilter(subscription.TopicFilter))
            {
                throw new ArgumentException($"'{subscription.TopicFilter}' is not a valid topic filter.", nameof(subscriptions));
            }
        }

        if (subscriptionIdentifier is 0 or > 268_435_455)
        {
            throw new ArgumentOutOfRangeException(nameof(subscriptionIdentifier), "A subscription identifier is 1 to 268,435,455.");
        }

        var properties = userProperties ?? [];
        var request = new SubscribePacket { Subscriptions = subscriptions, SubscriptionIdentifier = subscriptionIdentifier, UserProperties = properties };
        var ack = (SubAckPacket)await SendRequestAsync(request, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            for (var i = 0; i < subscriptions.Count; i++)
            {
                if (ack.ReasonCodes[i] < MqttReasonCode.UnspecifiedError)
                {
                    _subscriptions[subscriptions[i].TopicFilter] = new SubscriptionRecord(subscriptions[i], subscriptionIdentifier, properties);
                }
            }
        }

        return ack.ReasonCodes;
    }

    /// <summary>Unsubscribes; returns one reason code per filter in 5.0 (3.1.1 has none: all Success).</summary>
    public async Task<IReadOnlyList<MqttReasonCode>> UnsubscribeAsync(IReadOnlyList<string> topicFilters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topicFilters);
        if (topicFilters.Count == 0)
        {
            throw new ArgumentException("At least one topic filter is required.", nameof(topicFilters));
        }

        var ack = (UnsubAckPacket)await SendRequestAsync(new UnsubscribePacket { TopicFilters = topicFilters }, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            foreach (var filter in topicFilters)
            {
                _subscriptions.Remove(filter);
            }
        }

        return ack.ReasonCodes.Count == topicFilters.Count ? ack.ReasonCodes : [.. topicFilters.Select(_ => MqttReasonCode.Success)];
    }

    /// <summary>
    /// Sends a request and waits for its acknowledgement. No answer within the connect timeout
    /// means the connection is out of step: it is closed (and replaced by a reconnect).
    /// </summary>
    private async Task<MqttPacketWithId> SendRequestAsync(MqttPacketWithId packet, CancellationToken cancellationToken)
    {
        PendingRequest request;
        lock (_gate)
        {
            var connection = _connection ?? throw NotConnected();
            request = new PendingRequest(packet with { PacketId = AllocatePacketIdLocked() }, connection);
            _requests.Add(request.Request.PacketId, request);
            connection.TryEnqueue(request.Request);
        }

        try
        {
            return await request.Completion.Task.WaitAsync(_options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            var failure = new MqttClientException(MqttClientError.Timeout, $"No {(packet is SubscribePacket ? "SUBACK" : "UNSUBACK")} within {_options.ConnectTimeout}.");
            request.Connection.Abort(failure);
            throw failure;
        }
    }
}
