namespace Proxus.Mqtt.Packets;

/// <summary>
/// A control packet as plain data. Packets do no I/O; <c>MqttPacketDecoder</c> and
/// <c>MqttPacketEncoder</c> turn them into and out of bytes for a given protocol version.
/// Properties that MQTT 3.1.1 lacks are ignored when encoding for 3.1.1.
/// </summary>
public abstract record MqttPacket
{
    public abstract MqttPacketType Type { get; }
}
