namespace Proxus.Mqtt.Packets;

/// <summary>A User Property name/value pair (MQTT 5.0 section 3.1.2.11.8); names may repeat.</summary>
public sealed record MqttUserProperty(string Name, string Value);
