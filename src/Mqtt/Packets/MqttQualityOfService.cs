namespace Proxus.Mqtt.Packets;

/// <summary>Delivery guarantee of an application message (MQTT 5.0 section 4.3).</summary>
public enum MqttQualityOfService : byte
{
    AtMostOnce = 0,
    AtLeastOnce = 1,
    ExactlyOnce = 2,
}
