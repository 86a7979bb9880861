namespace Proxus.Mqtt.Packets;

/// <summary>Whether retained messages are sent when a subscription is made (MQTT 5.0 section 3.8.3.1).</summary>
public enum MqttRetainHandling : byte
{
    SendAtSubscribe = 0,
    SendAtSubscribeIfNew = 1,
    DoNotSend = 2,
}
