namespace Proxus.Mqtt.Packets;

/// <summary>A packet that carries a Packet Identifier (MQTT 5.0 section 2.2.1); 0 is never valid on the wire.</summary>
public abstract record MqttPacketWithId : MqttPacket
{
    public ushort PacketId { get; init; }
}
