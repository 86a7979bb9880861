namespace Proxus.Mqtt.Packets;

/// <summary>Payload Format Indicator property (MQTT 5.0 section 3.3.2.3.2).</summary>
public enum MqttPayloadFormat : byte
{
    Unspecified = 0,
    Utf8 = 1,
}
