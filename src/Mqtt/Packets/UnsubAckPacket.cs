namespace Proxus.Mqtt.Packets;

/// <summary>UNSUBACK (MQTT 5.0 section 3.11). 3.1.1 carries no reason codes: they are not encoded.</summary>
public sealed record UnsubAckPacket : MqttPacketWithId
{
    public override MqttPacketType Type => MqttPacketType.UnsubAck;

    public string? ReasonString { get; init; }

    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];

    public IReadOnlyList<MqttReasonCode> ReasonCodes { get; init; } = [];
}
