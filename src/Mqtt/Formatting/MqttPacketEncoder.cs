using System.Buffers;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Formatting;

/// <summary>
/// Turns control packets into bytes for a protocol version (MQTT 5.0 chapters 2 and 3; MQTT 3.1.1
/// chapters 2 and 3). A packet is measured first, then written straight into the output's span.
/// Properties that 3.1.1 lacks are left out when encoding for 3.1.1. A packet that cannot be put on
/// the wire (a string over 65,535 bytes, a missing packet identifier, a body over 268,435,455 bytes,
/// AUTH for 3.1.1, ...) throws <see cref="ArgumentException"/> before anything is written.
/// </summary>
public static partial class MqttPacketEncoder
{
    /// <summary>Writes <paramref name="packet"/> to <paramref name="output"/>.</summary>
    /// <param name="packet">The packet.</param>
    /// <param name="version">
    /// The connection's version. CONNECT is encoded for its own <see cref="ConnectPacket.ProtocolVersion"/>
    /// and accepts <see cref="MqttProtocolVersion.Unknown"/> here.
    /// </param>
    /// <param name="output">Where the bytes go.</param>
    public static void Encode(MqttPacket packet, MqttProtocolVersion version, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(packet);
        ArgumentNullException.ThrowIfNull(output);
        version = ResolveVersion(packet, version);
        if (packet is PublishPacket publish)
        {
            EncodePublish(publish, version, output);
            return;
        }

        var layout = Measure(packet, version);
        var size = layout.PacketSize;
        var writer = new MqttBodyWriter(output.GetSpan(size)[..size]);
        writer.WriteByte(FirstByte(packet));
        writer.WriteVariableByteInteger((uint)layout.RemainingLength);
        WriteBody(packet, version, layout, ref writer);
        output.Advance(size);
    }

    /// <summary>The size of the whole encoded packet, fixed header included.</summary>
    public static int GetEncodedSize(MqttPacket packet, MqttProtocolVersion version)
    {
        ArgumentNullException.ThrowIfNull(packet);
        version = ResolveVersion(packet, version);
        return packet is PublishPacket publish ? MeasurePublish(publish, version).PacketSize : Measure(packet, version).PacketSize;
    }

    private static MqttProtocolVersion ResolveVersion(MqttPacket packet, MqttProtocolVersion version)
    {
        if (packet is ConnectPacket connect)
        {
            if (connect.ProtocolVersion is not (MqttProtocolVersion.V311 or MqttProtocolVersion.V500))
            {
                MqttThrow.CannotEncode($"CONNECT must announce MQTT 3.1.1 or 5.0, not {connect.ProtocolVersion}.");
            }

            if (version != MqttProtocolVersion.Unknown && version != connect.ProtocolVersion)
            {
                MqttThrow.CannotEncode($"CONNECT announces {connect.ProtocolVersion} but the connection uses {version}.");
            }

            return connect.ProtocolVersion;
        }

        if (version is not (MqttProtocolVersion.V311 or MqttProtocolVersion.V500))
        {
            MqttThrow.CannotEncode($"Only CONNECT can be encoded before the version is known; this is {packet.Type}.");
        }

        if (packet.Type == MqttPacketType.Auth && version != MqttProtocolVersion.V500)
        {
            MqttThrow.CannotEncode("AUTH exists only in MQTT 5.0.");
        }

        return version;
    }

    private static MqttPacketLayout Measure(MqttPacket packet, MqttProtocolVersion version) => packet switch
    {
        ConnectPacket connect => MeasureConnect(connect, version),
        ConnAckPacket connAck => MeasureConnAck(connAck, version),
        PublishPacket publish => MeasurePublish(publish, version),
        PubAckPacket p => MeasureAcknowledgement(MqttPacketType.PubAck, p.PacketId, p.ReasonCode, p.ReasonString, p.UserProperties, version),
        PubRecPacket p => MeasureAcknowledgement(MqttPacketType.PubRec, p.PacketId, p.ReasonCode, p.ReasonString, p.UserProperties, version),
        PubRelPacket p => MeasureAcknowledgement(MqttPacketType.PubRel, p.PacketId, p.ReasonCode, p.ReasonString, p.UserProperties, version),
        PubCompPacket p => MeasureAcknowledgement(MqttPacketType.PubComp, p.PacketId, p.ReasonCode, p.ReasonString, p.UserProperties, version),
        SubscribePacket subscribe => MeasureSubscribe(subscribe, version),
        SubAckPacket subAck => MeasureSubAck(subAck, version),
        UnsubscribePacket unsubscribe => MeasureUnsubscribe(unsubscribe, version),
        UnsubAckPacket unsubAck => MeasureUnsubAck(unsubAck, version),
        PingReqPacket or PingRespPacket => default,
        DisconnectPacket disconnect => MeasureDisconnect(disconnect, version),
        AuthPacket auth => MeasureAuth(auth),
        _ => throw new ArgumentException($"Unknown packet type {packet.GetType().Name}.", nameof(packet)),
    };

    private static void WriteBody(MqttPacket packet, MqttProtocolVersion version, in MqttPacketLayout layout, ref MqttBodyWriter writer)
    {
        switch (packet)
        {
            case ConnectPacket connect:
                WriteConnect(connect, version, layout, ref writer);
                break;
            case ConnAckPacket connAck:
                WriteConnAck(connAck, version, layout, ref writer);
                break;
            case PubAckPacket p:
                WriteAcknowledgement(p.PacketId, p.ReasonCode, p.ReasonString, p.UserProperties, layout, ref writer);
                break;
            case PubRecPacket p:
                WriteAcknowledgement(p.PacketId, p.ReasonCode, p.ReasonString, p.UserProperties, layout, ref writer);
                break;
            case PubRelPacket p:
                WriteAcknowledgement(p.PacketId, p.ReasonCode, p.ReasonString, p.UserProperties, layout, ref writer);
                break;
            case PubCompPacket p:
                WriteAcknowledgement(p.PacketId, p.ReasonCode, p.ReasonString, p.UserProperties, layout, ref writer);
                break;
            case SubscribePacket subscribe:
                WriteSubscribe(subscribe, version, layout, ref writer);
                break;
            case SubAckPacket subAck:
                WriteSubAck(subAck, version, layout, ref writer);
                break;
            case UnsubscribePacket unsubscribe:
                WriteUnsubscribe(unsubscribe, version, layout, ref writer);
                break;
            case UnsubAckPacket unsubAck:
                WriteUnsubAck(unsubAck, version, layout, ref writer);
                break;
            case DisconnectPacket disconnect:
                WriteDisconnect(disconnect, layout, ref writer);
                break;
            case AuthPacket auth:
                WriteAuth(auth, layout, ref writer);
                break;
            default:
                // PINGREQ and PINGRESP have no body.
                break;
        }
    }

    /// <summary>Fixed header byte 1: type and the flags of table 2-2 (PUBLISH's are its own).</summary>
    private static byte FirstByte(MqttPacket packet)
    {
        var type = (byte)((byte)packet.Type << 4);
        return packet.Type is MqttPacketType.PubRel or MqttPacketType.Subscribe or MqttPacketType.Unsubscribe
            ? (byte)(type | 0x02)
            : type;
    }

    private static void RequirePacketId(ushort packetId, MqttPacketType type)
    {
        if (packetId == 0)
        {
            MqttThrow.CannotEncode($"{type} needs a non-zero Packet Identifier.");
        }
    }
}
