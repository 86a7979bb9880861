namespace Proxus.Mqtt.Client.Internal;

/// <summary>
/// A QoS 2 message received and not yet released (MQTT 5.0 section 4.3.3, method B: the packet
/// identifier is remembered until PUBREL, so a resent PUBLISH is acknowledged but not delivered again).
/// </summary>
internal sealed class InboundQos2State
{
    public InboundQos2State(long epoch, MqttClientConnection connection)
    {
        Epoch = epoch;
        AckConnection = connection;
    }

    /// <summary>The session incarnation it belongs to.</summary>
    public long Epoch { get; }

    /// <summary>The application has taken the message and PUBREC was sent.</summary>
    public bool Taken { get; set; }

    /// <summary>The connection PUBREC goes to when the application takes the message (the latest one that carried it).</summary>
    public MqttClientConnection AckConnection { get; set; }
}
