namespace Proxus.Mqtt.Packets;

/// <summary>One topic filter of a SUBSCRIBE with its subscription options (MQTT 5.0 section 3.8.3.1).</summary>
public sealed record MqttSubscription
{
    public required string TopicFilter { get; init; }

    public MqttQualityOfService MaximumQualityOfService { get; init; }

    public bool NoLocal { get; init; }

    public bool RetainAsPublished { get; init; }

    public MqttRetainHandling RetainHandling { get; init; }
}
