using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Client.Internal;

/// <summary>A QoS 1/2 publish of the session that the server has not completed yet (in flight, or waiting for room).</summary>
internal sealed class OutboundMessage
{
    public OutboundMessage(PublishPacket packet, long sequence)
    {
        Packet = packet;
        Sequence = sequence;
        State = packet.QualityOfService == MqttQualityOfService.AtLeastOnce ? OutboundState.AwaitingPubAck : OutboundState.AwaitingPubRec;
    }

    /// <summary>With its packet identifier and full topic (never an alias).</summary>
    public PublishPacket Packet { get; set; }

    /// <summary>Submission order: resends keep it (MQTT 5.0 section 4.6).</summary>
    public long Sequence { get; }

    public OutboundState State { get; set; }

    /// <summary>Handed to a connection at least once; a resend then sets DUP.</summary>
    public bool Sent { get; set; }

    /// <summary>PUBREL was sent again after a reconnect: the server may have completed the flow already.</summary>
    public bool ReleaseResent { get; set; }

    /// <summary>Its node while it waits for room in the in-flight window; null once in flight.</summary>
    public LinkedListNode<OutboundMessage>? BacklogNode { get; set; }

    public TaskCompletionSource<MqttReasonCode> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
