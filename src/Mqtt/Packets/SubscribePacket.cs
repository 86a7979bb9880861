namespace Proxus.Mqtt.Packets;

/// <summary>SUBSCRIBE (MQTT 5.0 section 3.8); fixed-header flags must be 0010.</summary>
public sealed record SubscribePacket : MqttPacketWithId
{
    public override MqttPacketType Type => MqttPacketType.Subscribe;

    /// <summary>1 to 268,435,455 when present (5.0).</summary>
    public uint? SubscriptionIdentifier { get; init; }

    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];

    /// <summary>At least one.</summary>
    public IReadOnlyList<MqttSubscription> Subscriptions { get; init; } = [];
}
