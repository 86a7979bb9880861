namespace Proxus.Mqtt.Packets;

/// <summary>UNSUBSCRIBE (MQTT 5.0 section 3.10); fixed-header flags must be 0010.</summary>
public sealed record UnsubscribePacket : MqttPacketWithId
{
    public override MqttPacketType Type => MqttPacketType.Unsubscribe;

    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];

    /// <summary>At least one.</summary>
    public IReadOnlyList<string> TopicFilters { get; init; } = [];
}
