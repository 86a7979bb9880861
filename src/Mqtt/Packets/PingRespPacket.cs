namespace Proxus.Mqtt.Packets;

/// <summary>PINGRESP (MQTT 5.0 section 3.13): no variable header, no payload.</summary>
public sealed record PingRespPacket : MqttPacket
{
    public static readonly PingRespPacket Instance = new();

    public override MqttPacketType Type => MqttPacketType.PingResp;
}
