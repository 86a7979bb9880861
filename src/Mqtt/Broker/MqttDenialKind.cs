namespace Proxus.Mqtt.Broker;

/// <summary>What was refused.</summary>
public enum MqttDenialKind
{
    Connect,
    Will,
    Publish,
    Subscribe,
}
