using System.Buffers;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Formatting;

/// <content>PUBLISH (section 3.3) and PUBACK, PUBREC, PUBREL, PUBCOMP (sections 3.4-3.7).</content>
public static partial class MqttPacketEncoder
{
    /// <summary>
    /// Payloads up to this size are copied into the same span as the header (one GetSpan/Advance);
    /// larger ones are written after it, so the output can spread them over its own segments.
    /// </summary>
    private const int InlinePayloadLimit = 8192;

    private static MqttPacketLayout MeasurePublish(PublishPacket packet, MqttProtocolVersion version)
    {
        var topic = packet.Topic;
        if (topic.AsSpan().ContainsAny('+', '#'))
        {
            MqttThrow.CannotEncode("A PUBLISH topic name must not contain wildcards.");
        }

        if (topic.Length == 0 && (version != MqttProtocolVersion.V500 || packet.TopicAlias is null))
        {
            MqttThrow.CannotEncode("A PUBLISH topic name may be empty only in MQTT 5.0 with a Topic Alias.");
        }

        var qos = packet.QualityOfService;
        if (qos > MqttQualityOfService.ExactlyOnce)
        {
            MqttThrow.CannotEncode($"QoS {(int)qos} does not exist.");
        }

        if (qos == MqttQualityOfService.AtMostOnce)
        {
            if (packet.Duplicate)
            {
                MqttThrow.CannotEncode("A QoS 0 PUBLISH must not set DUP.");
            }
        }
        else
        {
            RequirePacketId(packet.PacketId, MqttPacketType.Publish);
        }

        long body = MqttSize.String(topic) + (qos == MqttQualityOfService.AtMostOnce ? 0 : 2) + packet.Payload.Length;
        long properties = 0;
        if (version == MqttProtocolVersion.V500)
        {
            if (packet.TopicAlias == 0)
            {
                MqttThrow.CannotEncode("Topic Alias 0 is not allowed.");
            }

            properties = MqttSize.ByteProperty(PayloadFormat(packet.PayloadFormat))
                + MqttSize.UInt32Property(packet.MessageExpiryInterval)
                + MqttSize.UInt16Property(packet.TopicAlias)
                + MqttSize.StringProperty(packet.ResponseTopic)
                + MqttSize.BinaryProperty(packet.CorrelationData)
                + MqttSize.UserProperties(packet.UserProperties)
                + MqttSize.StringProperty(packet.ContentType);
            var subscriptionIdentifiers = packet.SubscriptionIdentifiers;
            for (var i = 0; i < subscriptionIdentifiers.Count; i++)
            {
                properties += MqttSize.SubscriptionIdentifierProperty(subscriptionIdentifiers[i]);
            }

            body += MqttSize.PropertyBlock(properties);
        }

        return MqttPacketLayout.Create(body, properties);
    }

    private static void EncodePublish(PublishPacket packet, MqttProtocolVersion version, IBufferWriter<byte> output)
    {
        var layout = MeasurePublish(packet, version);
        var payload = packet.Payload.Span;
        var packetSize = layout.PacketSize;
        var inline = payload.Length <= InlinePayloadLimit;
        var spanSize = inline ? packetSize : packetSize - payload.Length;
        var writer = new MqttBodyWriter(output.GetSpan(spanSize)[..spanSize]);

        var qos = packet.QualityOfService;
        var first = ((int)MqttPacketType.Publish << 4) | ((int)qos << 1)
            | (packet.Duplicate ? 0x08 : 0) | (packet.Retain ? 0x01 : 0);
        writer.WriteByte((byte)first);
        writer.WriteVariableByteInteger((uint)layout.RemainingLength);
        writer.WriteString(packet.Topic);
        if (qos != MqttQualityOfService.AtMostOnce)
        {
            writer.WriteUInt16(packet.PacketId);
        }

        if (version == MqttProtocolVersion.V500)
        {
            writer.WriteVariableByteInteger((uint)layout.PropertiesLength);
            writer.WriteByteProperty(MqttPropertyId.PayloadFormatIndicator, PayloadFormat(packet.PayloadFormat));
            writer.WriteUInt32Property(MqttPropertyId.MessageExpiryInterval, packet.MessageExpiryInterval);
            writer.WriteUInt16Property(MqttPropertyId.TopicAlias, packet.TopicAlias);
            writer.WriteStringProperty(MqttPropertyId.ResponseTopic, packet.ResponseTopic);
            writer.WriteBinaryProperty(MqttPropertyId.CorrelationData, packet.CorrelationData);
            writer.WriteUserProperties(packet.UserProperties);
            var subscriptionIdentifiers = packet.SubscriptionIdentifiers;
            for (var i = 0; i < subscriptionIdentifiers.Count; i++)
            {
                writer.WriteVariableByteIntegerProperty(MqttPropertyId.SubscriptionIdentifier, subscriptionIdentifiers[i]);
            }

            writer.WriteStringProperty(MqttPropertyId.ContentType, packet.ContentType);
        }

        if (inline)
        {
            writer.WriteBytes(payload);
            output.Advance(packetSize);
        }
        else
        {
            output.Advance(spanSize);
            output.Write(payload);
        }
    }

    /// <summary>
    /// PUBACK, PUBREC, PUBREL and PUBCOMP. In 5.0 the short forms are used: Remaining Length 2 for
    /// Success without properties, 3 for another reason code without properties (section 3.4.2.1).
    /// </summary>
    private static MqttPacketLayout MeasureAcknowledgement(
        MqttPacketType type,
        ushort packetId,
        MqttReasonCode reasonCode,
        string? reasonString,
        IReadOnlyList<MqttUserProperty> userProperties,
        MqttProtocolVersion version)
    {
        RequirePacketId(packetId, type);
        if (version != MqttProtocolVersion.V500)
        {
            return MqttPacketLayout.Create(2);
        }

        var properties = MqttSize.StringProperty(reasonString) + MqttSize.UserProperties(userProperties);
        if (properties == 0)
        {
            return MqttPacketLayout.Create(reasonCode == MqttReasonCode.Success ? 2 : 3);
        }

        return MqttPacketLayout.Create(3 + MqttSize.PropertyBlock(properties), properties);
    }

    private static void WriteAcknowledgement(
        ushort packetId,
        MqttReasonCode reasonCode,
        string? reasonString,
        IReadOnlyList<MqttUserProperty> userProperties,
        in MqttPacketLayout layout,
        ref MqttBodyWriter writer)
    {
        writer.WriteUInt16(packetId);
        if (layout.RemainingLength == 2)
        {
            return;
        }

        writer.WriteByte((byte)reasonCode);
        if (layout.RemainingLength == 3)
        {
            return;
        }

        writer.WriteVariableByteInteger((uint)layout.PropertiesLength);
        writer.WriteStringProperty(MqttPropertyId.ReasonString, reasonString);
        writer.WriteUserProperties(userProperties);
    }
}
