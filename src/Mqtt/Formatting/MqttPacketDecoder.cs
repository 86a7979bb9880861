using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Formatting;

/// <summary>
/// Turns bytes into control packets (MQTT 5.0 chapters 2 and 3; MQTT 3.1.1 chapters 2 and 3). The
/// decoder is stateless: the connection passes the negotiated version and its packet size limit.
/// </summary>
public static partial class MqttPacketDecoder
{
    /// <summary>Bodies up to this size that straddle buffer segments are gathered on the stack.</summary>
    private const int StackGatherLimit = 512;

    private static readonly string[] PacketNames =
    [
        "reserved", "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC", "PUBREL", "PUBCOMP",
        "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP", "DISCONNECT", "AUTH",
    ];

    /// <summary>
    /// Decodes one whole packet from <paramref name="reader"/>. Returns false and consumes nothing when
    /// the bytes are incomplete; throws <see cref="MqttProtocolException"/> with the reason code the
    /// connection should be closed with when they are malformed.
    /// </summary>
    /// <param name="reader">The received bytes; advanced past the packet only when one is returned.</param>
    /// <param name="version">
    /// The connection's negotiated version; <see cref="MqttProtocolVersion.Unknown"/> before CONNECT,
    /// when only CONNECT is accepted and the decoded packet carries the version it announced.
    /// </param>
    /// <param name="maximumPacketSize">
    /// The largest whole packet (fixed header included) accepted; checked as soon as the fixed header
    /// is readable, before the body is waited for. <see cref="uint.MaxValue"/> leaves only the
    /// protocol's own limit.
    /// </param>
    /// <param name="packet">The packet, when true is returned.</param>
    public static bool TryDecode(
        ref SequenceReader<byte> reader,
        MqttProtocolVersion version,
        uint maximumPacketSize,
        [NotNullWhen(true)] out MqttPacket? packet)
        => TryDecode(ref reader, version, maximumPacketSize, topics: null, payloads: null, out packet);

    /// <summary>
    /// As the public overload; PUBLISH topic names come from <paramref name="topics"/> when given, and
    /// the payloads of QoS 1/2 PUBLISH packets are cut from <paramref name="payloads"/> when given.
    /// </summary>
    internal static bool TryDecode(
        ref SequenceReader<byte> reader,
        MqttProtocolVersion version,
        uint maximumPacketSize,
        MqttTopicCache? topics,
        MqttPayloadArena? payloads,
        [NotNullWhen(true)] out MqttPacket? packet)
    {
        if (version is not (MqttProtocolVersion.Unknown or MqttProtocolVersion.V311 or MqttProtocolVersion.V500))
        {
            throw new ArgumentOutOfRangeException(nameof(version), version, "Not an MQTT protocol version.");
        }

        packet = null;
        var probe = reader;
        if (!probe.TryRead(out var first))
        {
            return false;
        }

        ValidateFirstByte(first, version);
        if (!TryReadRemainingLength(ref probe, out var remainingLength, out var lengthBytes))
        {
            return false;
        }

        var packetSize = 1UL + (ulong)lengthBytes + remainingLength;
        if (packetSize > maximumPacketSize)
        {
            MqttThrow.Protocol(
                MqttReasonCode.PacketTooLarge,
                $"The packet announces {packetSize} bytes; the limit is {maximumPacketSize}.");
        }

        if (probe.Remaining < remainingLength)
        {
            return false;
        }

        var body = probe.UnreadSequence.Slice(0, remainingLength);
        var context = new DecodeContext(topics, payloads);
        packet = body.IsSingleSegment ? DecodeBody(first, version, body.FirstSpan, context) : DecodeGathered(first, version, body, context);
        probe.Advance(remainingLength);
        reader = probe;
        return true;
    }

    /// <summary>Fixed header byte 1 (section 2.1.2, table 2-2 for the reserved flags).</summary>
    private static void ValidateFirstByte(byte first, MqttProtocolVersion version)
    {
        var type = (MqttPacketType)(first >> 4);
        var flags = first & 0x0F;
        if (version == MqttProtocolVersion.Unknown && type != MqttPacketType.Connect)
        {
            MqttThrow.ProtocolError($"The first packet on a connection must be CONNECT, not packet type {(int)type}.");
        }

        switch (type)
        {
            case 0:
                MqttThrow.Malformed("Packet type 0 is reserved.");
                break;
            case MqttPacketType.Auth when version == MqttProtocolVersion.V311:
                MqttThrow.Malformed("Packet type 15 is reserved in MQTT 3.1.1.");
                break;
            case MqttPacketType.Publish:
                var qos = (flags >> 1) & 0x03;
                if (qos == 3)
                {
                    MqttThrow.Malformed("PUBLISH with QoS 3 (both QoS bits set).");
                }

                if (qos == 0 && (flags & 0x08) != 0)
                {
                    MqttThrow.Malformed("PUBLISH with QoS 0 must not have the DUP flag set.");
                }

                break;
            case MqttPacketType.PubRel or MqttPacketType.Subscribe or MqttPacketType.Unsubscribe:
                if (flags != 0x02)
                {
                    MqttThrow.Malformed($"{PacketNames[(int)type]} must have fixed header flags 0010, not {Convert.ToString(flags, 2).PadLeft(4, '0')}.");
                }

                break;
            default:
                if (flags != 0)
                {
                    MqttThrow.Malformed($"{PacketNames[(int)type]} must have fixed header flags 0000, not {Convert.ToString(flags, 2).PadLeft(4, '0')}.");
                }

                break;
        }
    }

    /// <summary>Remaining Length, a Variable Byte Integer of at most four bytes (sections 1.5.5, 2.1.4).</summary>
    private static bool TryReadRemainingLength(ref SequenceReader<byte> reader, out uint value, out int byteCount)
    {
        value = 0;
        byteCount = 0;
        while (true)
        {
            if (!reader.TryRead(out var encoded))
            {
                return false;
            }

            value |= (uint)(encoded & 0x7F) << (7 * byteCount);
            byteCount++;
            if ((encoded & 0x80) == 0)
            {
                return true;
            }

            if (byteCount == 4)
            {
                MqttThrow.Malformed("The Remaining Length is longer than four bytes.");
            }
        }
    }

    private static MqttPacket DecodeGathered(byte first, MqttProtocolVersion version, ReadOnlySequence<byte> body, DecodeContext context)
    {
        var length = (int)body.Length;
        if (length <= StackGatherLimit)
        {
            Span<byte> gathered = stackalloc byte[StackGatherLimit];
            body.CopyTo(gathered);
            return DecodeBody(first, version, gathered[..length], context);
        }

        if ((MqttPacketType)(first >> 4) == MqttPacketType.Publish
            && TryGetPublishHeaderLength(body, first, version, out var headerLength)
            && headerLength < length)
        {
            // A large PUBLISH: only its variable header is gathered; the payload is copied once, from
            // the receive buffer's segments straight into its own array.
            var publish = (PublishPacket)DecodeGathered(first, version, body.Slice(0, headerLength), context with { Payloads = null });
            return publish with { Payload = CopyPayload(body.Slice(headerLength), publish.QualityOfService, context.Payloads) };
        }

        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            body.CopyTo(rented);
            return DecodeBody(first, version, rented.AsSpan(0, length), context);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// The length of a PUBLISH variable header (section 3.3.2: topic name, packet identifier, 5.0
    /// properties), false when the body is too short for what its lengths announce or a length is
    /// malformed: the whole body is then decoded the ordinary way, which reports the error.
    /// </summary>
    private static bool TryGetPublishHeaderLength(ReadOnlySequence<byte> body, byte first, MqttProtocolVersion version, out int length)
    {
        length = 0;
        var reader = new SequenceReader<byte>(body);
        if (!reader.TryReadBigEndian(out short topicLength) || reader.Remaining < (ushort)topicLength)
        {
            return false;
        }

        reader.Advance((ushort)topicLength);
        var hasPacketId = ((first >> 1) & 0x03) != 0;
        if (hasPacketId)
        {
            if (reader.Remaining < 2)
            {
                return false;
            }

            reader.Advance(2);
        }

        if (version == MqttProtocolVersion.V500)
        {
            uint propertiesLength = 0;
            for (var i = 0; ; i++)
            {
                if (i == 4 || !reader.TryRead(out var encoded))
                {
                    return false;
                }

                propertiesLength |= (uint)(encoded & 0x7F) << (7 * i);
                if ((encoded & 0x80) == 0)
                {
                    break;
                }
            }

            if ((ulong)reader.Remaining < propertiesLength)
            {
                return false;
            }

            reader.Advance(propertiesLength);
        }

        length = (int)reader.Consumed;
        return true;
    }

    private static ReadOnlyMemory<byte> CopyPayload(ReadOnlySequence<byte> payload, MqttQualityOfService qos, MqttPayloadArena? payloads)
    {
        if (payload.IsEmpty)
        {
            return Array.Empty<byte>();
        }

        // Every byte is overwritten at once: the memory need not be cleared first.
        var copy = payloads is not null && qos != MqttQualityOfService.AtMostOnce
            ? payloads.Allocate((int)payload.Length)
            : GC.AllocateUninitializedArray<byte>((int)payload.Length);
        payload.CopyTo(copy.Span);
        return copy;
    }

    private static MqttPacket DecodeBody(byte first, MqttProtocolVersion version, ReadOnlySpan<byte> body, DecodeContext context)
    {
        var reader = new MqttBodyReader(body);
        var type = (MqttPacketType)(first >> 4);
        MqttPacket packet = type switch
        {
            MqttPacketType.Connect => ReadConnect(ref reader),
            MqttPacketType.ConnAck => ReadConnAck(ref reader, version),
            MqttPacketType.Publish => ReadPublish(ref reader, first, version, context),
            MqttPacketType.PubAck or MqttPacketType.PubRec or MqttPacketType.PubRel or MqttPacketType.PubComp =>
                ReadPublishAcknowledgement(ref reader, type, version),
            MqttPacketType.Subscribe => ReadSubscribe(ref reader, version),
            MqttPacketType.SubAck => ReadSubAck(ref reader, version),
            MqttPacketType.Unsubscribe => ReadUnsubscribe(ref reader, version),
            MqttPacketType.UnsubAck => ReadUnsubAck(ref reader, version),
            MqttPacketType.PingReq => PingReqPacket.Instance,
            MqttPacketType.PingResp => PingRespPacket.Instance,
            MqttPacketType.Disconnect => ReadDisconnect(ref reader, version),
            _ => ReadAuth(ref reader),
        };

        reader.EnsureAtEnd(PacketNames[(int)type]);
        return packet;
    }

    private static ushort ReadPacketId(ref MqttBodyReader reader, MqttPacketType type)
    {
        var packetId = reader.ReadUInt16();
        if (packetId == 0)
        {
            MqttThrow.ProtocolError($"{PacketNames[(int)type]} carries Packet Identifier 0, which is not allowed.");
        }

        return packetId;
    }

    /// <summary>
    /// Keeps "absent" distinct from "empty": a bare <c>null</c> would bind to the array conversion of
    /// <see cref="ReadOnlyMemory{T}"/> and become an empty, present value.
    /// </summary>
    private static ReadOnlyMemory<byte>? Optional(byte[]? bytes) =>
        bytes is null ? default(ReadOnlyMemory<byte>?) : bytes;

    /// <summary>What a receiver lends the decoder: its topic cache and its payload arena.</summary>
    private readonly record struct DecodeContext(MqttTopicCache? Topics, MqttPayloadArena? Payloads);
}
