namespace Proxus.Mqtt.Packets;

/// <summary>PINGREQ (MQTT 5.0 section 3.12): no variable header, no payload.</summary>
public sealed record PingReqPacket : MqttPacket
{
    public static readonly PingReqPacket Instance = new();

    public override MqttPacketType Type => MqttPacketType.PingReq;
}
