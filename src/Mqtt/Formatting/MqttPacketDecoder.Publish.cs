using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Formatting;

/// <content>PUBLISH (section 3.3) and its acknowledgements PUBACK, PUBREC, PUBREL, PUBCOMP (3.4-3.7).</content>
public static partial class MqttPacketDecoder
{
    private static PublishPacket ReadPublish(ref MqttBodyReader reader, byte first, MqttProtocolVersion version, DecodeContext context)
    {
        var qos = (MqttQualityOfService)((first >> 1) & 0x03);

        // 3.3.2.1 Topic Name: wildcard bytes never occur inside multi-byte UTF-8 sequences, so they
        // are looked for before decoding.
        var topicBytes = reader.ReadLengthPrefixed();
        if (topicBytes.ContainsAny((byte)'+', (byte)'#'))
        {
            MqttThrow.Protocol(MqttReasonCode.TopicNameInvalid, "A PUBLISH topic name must not contain wildcards.");
        }

        var topic = context.Topics is null ? MqttUtf8.Decode(topicBytes) : context.Topics.Decode(topicBytes);
        var packetId = qos == MqttQualityOfService.AtMostOnce ? (ushort)0 : ReadPacketId(ref reader, MqttPacketType.Publish);
        if (version != MqttProtocolVersion.V500)
        {
            if (topic.Length == 0)
            {
                MqttThrow.Protocol(MqttReasonCode.TopicNameInvalid, "A PUBLISH topic name must not be empty.");
            }

            return new PublishPacket
            {
                Topic = topic,
                PacketId = packetId,
                QualityOfService = qos,
                Duplicate = (first & 0x08) != 0,
                Retain = (first & 0x01) != 0,
                Payload = ReadPayload(ref reader, qos, context.Payloads),
            };
        }

        var properties = MqttPropertyBag.Read(ref reader, MqttPropertyScope.Publish);
        if (topic.Length == 0 && properties.TopicAlias is null)
        {
            MqttThrow.ProtocolError("A PUBLISH with an empty topic name must carry a Topic Alias.");
        }

        return new PublishPacket
        {
            Topic = topic,
            PacketId = packetId,
            QualityOfService = qos,
            Duplicate = (first & 0x08) != 0,
            Retain = (first & 0x01) != 0,
            PayloadFormat = (MqttPayloadFormat)(properties.PayloadFormatIndicator ?? 0),
            MessageExpiryInterval = properties.MessageExpiryInterval,
            TopicAlias = properties.TopicAlias,
            ResponseTopic = properties.ResponseTopic,
            CorrelationData = Optional(properties.CorrelationData),
            UserProperties = properties.UserPropertyList,
            SubscriptionIdentifiers = properties.SubscriptionIdentifiers is null ? Array.Empty<uint>() : properties.SubscriptionIdentifiers,
            ContentType = properties.ContentType,
            Payload = ReadPayload(ref reader, qos, context.Payloads),
        };
    }

    /// <summary>The rest of a PUBLISH body: a QoS 1/2 payload from the receiver's arena when it lends one, else an array of its own.</summary>
    private static ReadOnlyMemory<byte> ReadPayload(ref MqttBodyReader reader, MqttQualityOfService qos, MqttPayloadArena? payloads)
        => payloads is null || qos == MqttQualityOfService.AtMostOnce ? reader.ReadToEnd() : payloads.Copy(reader.ReadSpan(reader.Remaining));

    /// <summary>
    /// PUBACK, PUBREC, PUBREL and PUBCOMP share one layout. In 5.0 a Remaining Length of 2 means
    /// Success without properties and one below 4 means no properties (sections 3.4.2.1, 3.4.2.2).
    /// </summary>
    private static MqttPacketWithId ReadPublishAcknowledgement(ref MqttBodyReader reader, MqttPacketType type, MqttProtocolVersion version)
    {
        var packetId = ReadPacketId(ref reader, type);
        var reasonCode = MqttReasonCode.Success;
        var properties = default(MqttPropertyBag);
        if (version == MqttProtocolVersion.V500 && !reader.IsAtEnd)
        {
            reasonCode = MqttReasonCodes.Validate(reader.ReadByte(), type);
            if (!reader.IsAtEnd)
            {
                properties = MqttPropertyBag.Read(ref reader, MqttPropertyScope.Acknowledgement);
            }
        }

        var reasonString = properties.ReasonString;
        var userProperties = properties.UserPropertyList;
        return type switch
        {
            MqttPacketType.PubAck when reasonCode == MqttReasonCode.Success && reasonString is null && userProperties.Count == 0 => PubAckPacket.Success(packetId),
            MqttPacketType.PubAck => new PubAckPacket
            {
                PacketId = packetId,
                ReasonCode = reasonCode,
                ReasonString = reasonString,
                UserProperties = userProperties,
            },
            MqttPacketType.PubRec => new PubRecPacket
            {
                PacketId = packetId,
                ReasonCode = reasonCode,
                ReasonString = reasonString,
                UserProperties = userProperties,
            },
            MqttPacketType.PubRel => new PubRelPacket
            {
                PacketId = packetId,
                ReasonCode = reasonCode,
                ReasonString = reasonString,
                UserProperties = userProperties,
            },
            _ => new PubCompPacket
            {
                PacketId = packetId,
                ReasonCode = reasonCode,
                ReasonString = reasonString,
                UserProperties = userProperties,
            },
        };
    }
}
