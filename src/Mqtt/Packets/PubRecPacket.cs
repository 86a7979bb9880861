namespace Proxus.Mqtt.Packets;

/// <summary>PUBREC: first response to a QoS 2 PUBLISH (MQTT 5.0 section 3.5).</summary>
public sealed record PubRecPacket : MqttPacketWithId
{
    public override MqttPacketType Type => MqttPacketType.PubRec;

    public MqttReasonCode ReasonCode { get; init; }

    public string? ReasonString { get; init; }

    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];
}
