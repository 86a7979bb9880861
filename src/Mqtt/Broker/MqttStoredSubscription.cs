using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Broker;

/// <summary>One subscription of a stored session.</summary>
public sealed record MqttStoredSubscription
{
    /// <summary>The filter as the client sent it (with any <c>$share/group/</c> prefix).</summary>
    public required string TopicFilter { get; init; }

    public MqttQualityOfService MaximumQualityOfService { get; init; }

    public bool NoLocal { get; init; }

    public bool RetainAsPublished { get; init; }

    public MqttRetainHandling RetainHandling { get; init; }

    public uint? SubscriptionIdentifier { get; init; }
}
