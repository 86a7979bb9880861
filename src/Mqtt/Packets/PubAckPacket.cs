namespace Proxus.Mqtt.Packets;

/// <summary>PUBACK: acknowledges a QoS 1 PUBLISH (MQTT 5.0 section 3.4).</summary>
public sealed record PubAckPacket : MqttPacketWithId
{
    /// <summary>
    /// One shared PUBACK with reason code Success and no properties per packet identifier, made on
    /// first use. Every QoS 1 message is acknowledged once on each hop, nearly always so: packets are
    /// immutable, so the broker, the client and the decoder hand out these instead of a new packet
    /// per message. At most 65,535 of them (about 3 MB).
    /// </summary>
    private static readonly PubAckPacket?[] SuccessByPacketId = new PubAckPacket?[ushort.MaxValue + 1];

    public override MqttPacketType Type => MqttPacketType.PubAck;

    public MqttReasonCode ReasonCode { get; init; }

    public string? ReasonString { get; init; }

    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];

    /// <summary>The shared PUBACK with reason code Success and no properties for <paramref name="packetId"/>.</summary>
    internal static PubAckPacket Success(ushort packetId)
    {
        // Two threads may each make one at first: equal values, and either is kept.
        var packet = Volatile.Read(ref SuccessByPacketId[packetId]);
        if (packet is null)
        {
            packet = new PubAckPacket { PacketId = packetId };
            Volatile.Write(ref SuccessByPacketId[packetId], packet);
        }

        return packet;
    }
}
