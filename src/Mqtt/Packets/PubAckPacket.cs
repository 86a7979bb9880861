namespace Proxus.Mqtt.Packets;

/// <summary>PUBACK: acknowledges a QoS 1 PUBLISH (MQTT 5.0 section 3.4).</summary>
public sealed record PubAckPacket : MqttPacketWithId
{
    public override MqttPacketType Type => MqttPacketType.PubAck;

    public MqttReasonCode ReasonCode { get; init; }

    public string? ReasonString { get; init; }

    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];
}
