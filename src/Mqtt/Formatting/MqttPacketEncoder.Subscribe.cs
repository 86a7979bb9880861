using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Formatting;

/// <content>SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK (sections 3.8-3.11).</content>
public static partial class MqttPacketEncoder
{
    private static MqttPacketLayout MeasureSubscribe(SubscribePacket packet, MqttProtocolVersion version)
    {
        RequirePacketId(packet.PacketId, MqttPacketType.Subscribe);
        var subscriptions = packet.Subscriptions;
        if (subscriptions.Count == 0)
        {
            MqttThrow.CannotEncode("SUBSCRIBE needs at least one topic filter.");
        }

        long body = 2;
        long properties = 0;
        if (version == MqttProtocolVersion.V500)
        {
            properties = (packet.SubscriptionIdentifier is { } id ? MqttSize.SubscriptionIdentifierProperty(id) : 0)
                + MqttSize.UserProperties(packet.UserProperties);
            body += MqttSize.PropertyBlock(properties);
        }

        for (var i = 0; i < subscriptions.Count; i++)
        {
            var subscription = subscriptions[i];
            if (subscription.MaximumQualityOfService > MqttQualityOfService.ExactlyOnce
                || subscription.RetainHandling > MqttRetainHandling.DoNotSend)
            {
                MqttThrow.CannotEncode($"Subscription options of '{subscription.TopicFilter}' are out of range.");
            }

            body += MqttSize.String(subscription.TopicFilter) + 1;
        }

        return MqttPacketLayout.Create(body, properties);
    }

    private static void WriteSubscribe(SubscribePacket packet, MqttProtocolVersion version, in MqttPacketLayout layout, ref MqttBodyWriter writer)
    {
        writer.WriteUInt16(packet.PacketId);
        var v5 = version == MqttProtocolVersion.V500;
        if (v5)
        {
            writer.WriteVariableByteInteger((uint)layout.PropertiesLength);
            writer.WriteVariableByteIntegerProperty(MqttPropertyId.SubscriptionIdentifier, packet.SubscriptionIdentifier);
            writer.WriteUserProperties(packet.UserProperties);
        }

        var subscriptions = packet.Subscriptions;
        for (var i = 0; i < subscriptions.Count; i++)
        {
            var subscription = subscriptions[i];
            writer.WriteString(subscription.TopicFilter);
            var options = (int)subscription.MaximumQualityOfService;
            if (v5)
            {
                options |= (subscription.NoLocal ? 0x04 : 0)
                    | (subscription.RetainAsPublished ? 0x08 : 0)
                    | ((int)subscription.RetainHandling << 4);
            }

            writer.WriteByte((byte)options);
        }
    }

    private static MqttPacketLayout MeasureSubAck(SubAckPacket packet, MqttProtocolVersion version)
    {
        RequirePacketId(packet.PacketId, MqttPacketType.SubAck);
        if (packet.ReasonCodes.Count == 0)
        {
            MqttThrow.CannotEncode("SUBACK needs at least one reason code.");
        }

        long body = 2 + packet.ReasonCodes.Count;
        long properties = 0;
        if (version == MqttProtocolVersion.V500)
        {
            properties = MqttSize.StringProperty(packet.ReasonString) + MqttSize.UserProperties(packet.UserProperties);
            body += MqttSize.PropertyBlock(properties);
        }

        return MqttPacketLayout.Create(body, properties);
    }

    private static void WriteSubAck(SubAckPacket packet, MqttProtocolVersion version, in MqttPacketLayout layout, ref MqttBodyWriter writer)
    {
        writer.WriteUInt16(packet.PacketId);
        var v5 = version == MqttProtocolVersion.V500;
        if (v5)
        {
            writer.WriteVariableByteInteger((uint)layout.PropertiesLength);
            writer.WriteStringProperty(MqttPropertyId.ReasonString, packet.ReasonString);
            writer.WriteUserProperties(packet.UserProperties);
        }

        var reasonCodes = packet.ReasonCodes;
        for (var i = 0; i < reasonCodes.Count; i++)
        {
            writer.WriteByte(v5 ? (byte)reasonCodes[i] : MqttReasonCodes.ToSubscribeReturnCode(reasonCodes[i]));
        }
    }

    private static MqttPacketLayout MeasureUnsubscribe(UnsubscribePacket packet, MqttProtocolVersion version)
    {
        RequirePacketId(packet.PacketId, MqttPacketType.Unsubscribe);
        var filters = packet.TopicFilters;
        if (filters.Count == 0)
        {
            MqttThrow.CannotEncode("UNSUBSCRIBE needs at least one topic filter.");
        }

        long body = 2;
        long properties = 0;
        if (version == MqttProtocolVersion.V500)
        {
            properties = MqttSize.UserProperties(packet.UserProperties);
            body += MqttSize.PropertyBlock(properties);
        }

        for (var i = 0; i < filters.Count; i++)
        {
            body += MqttSize.String(filters[i]);
        }

        return MqttPacketLayout.Create(body, properties);
    }

    private static void WriteUnsubscribe(UnsubscribePacket packet, MqttProtocolVersion version, in MqttPacketLayout layout, ref MqttBodyWriter writer)
    {
        writer.WriteUInt16(packet.PacketId);
        if (version == MqttProtocolVersion.V500)
        {
            writer.WriteVariableByteInteger((uint)layout.PropertiesLength);
            writer.WriteUserProperties(packet.UserProperties);
        }

        var filters = packet.TopicFilters;
        for (var i = 0; i < filters.Count; i++)
        {
            writer.WriteString(filters[i]);
        }
    }

    /// <summary>3.1.1 UNSUBACK is the packet identifier alone; 5.0 adds properties and reason codes.</summary>
    private static MqttPacketLayout MeasureUnsubAck(UnsubAckPacket packet, MqttProtocolVersion version)
    {
        RequirePacketId(packet.PacketId, MqttPacketType.UnsubAck);
        if (version != MqttProtocolVersion.V500)
        {
            return MqttPacketLayout.Create(2);
        }

        if (packet.ReasonCodes.Count == 0)
        {
            MqttThrow.CannotEncode("An MQTT 5.0 UNSUBACK needs at least one reason code.");
        }

        var properties = MqttSize.StringProperty(packet.ReasonString) + MqttSize.UserProperties(packet.UserProperties);
        return MqttPacketLayout.Create(2 + MqttSize.PropertyBlock(properties) + packet.ReasonCodes.Count, properties);
    }

    private static void WriteUnsubAck(UnsubAckPacket packet, MqttProtocolVersion version, in MqttPacketLayout layout, ref MqttBodyWriter writer)
    {
        writer.WriteUInt16(packet.PacketId);
        if (version != MqttProtocolVersion.V500)
        {
            return;
        }

        writer.WriteVariableByteInteger((uint)layout.PropertiesLength);
        writer.WriteStringProperty(MqttPropertyId.ReasonString, packet.ReasonString);
        writer.WriteUserProperties(packet.UserProperties);
        var reasonCodes = packet.ReasonCodes;
        for (var i = 0; i < reasonCodes.Count; i++)
        {
            writer.WriteByte((byte)reasonCodes[i]);
        }
    }
}
