namespace Proxus.Mqtt.Client.Internal;

/// <summary>Where an outbound QoS 1/2 publish stands in its flow (MQTT 5.0 sections 4.3.2 and 4.3.3).</summary>
internal enum OutboundState
{
    AwaitingPubAck,
    AwaitingPubRec,
    AwaitingPubComp,
}
