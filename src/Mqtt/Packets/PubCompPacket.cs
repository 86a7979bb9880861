namespace Proxus.Mqtt.Packets;

/// <summary>PUBCOMP: completes the QoS 2 flow (MQTT 5.0 section 3.7).</summary>
public sealed record PubCompPacket : MqttPacketWithId
{
    public override MqttPacketType Type => MqttPacketType.PubComp;

    public MqttReasonCode ReasonCode { get; init; }

    public string? ReasonString { get; init; }

    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];
}
