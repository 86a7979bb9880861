namespace Proxus.Mqtt.Packets;

/// <summary>PUBREL: second step of the QoS 2 flow; fixed-header flags must be 0010 (MQTT 5.0 section 3.6).</summary>
public sealed record PubRelPacket : MqttPacketWithId
{
    public override MqttPacketType Type => MqttPacketType.PubRel;

    public MqttReasonCode ReasonCode { get; init; }

    public string? ReasonString { get; init; }

    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];
}
