namespace Proxus.Mqtt.Packets;

/// <summary>
/// SUBACK (MQTT 5.0 section 3.9): one reason code per requested filter. For 3.1.1 the encoder
/// writes 0x00-0x02 as granted QoS and every failure as 0x80.
/// </summary>
public sealed record SubAckPacket : MqttPacketWithId
{
    public override MqttPacketType Type => MqttPacketType.SubAck;

    public string? ReasonString { get; init; }

    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];

    public IReadOnlyList<MqttReasonCode> ReasonCodes { get; init; } = [];
}
